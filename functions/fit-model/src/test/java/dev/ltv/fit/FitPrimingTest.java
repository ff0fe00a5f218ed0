package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SnapStart priming runs a fit request to its answer on a made-up table, with no DynamoDB at all. */
class FitPrimingTest {

    @Test
    void primingAnswersFromMemory() {
        // no endpoint override: the regional AWS endpoint, which priming must never call
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "purchases", "LTV_TABLE", "ltv")));

        APIGatewayV2HTTPResponse response = FitPriming.prime(config);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("\"INSUFFICIENT_DATA\""), response.getBody());
    }
}
