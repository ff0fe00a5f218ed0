package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SnapStart priming runs one purchase, a batch and an invalid body to their answers, with no DynamoDB at all. */
class IngestPrimingTest {

    @Test
    void primingAnswersFromMemory() {
        // no endpoint override: the regional AWS endpoint, which priming must never call
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "purchases", "LTV_TABLE", "ltv")));

        List<APIGatewayV2HTTPResponse> responses = IngestPriming.prime(config);

        assertEquals(201, responses.get(0).getStatusCode(), responses.get(0).getBody());
        assertEquals(200, responses.get(1).getStatusCode(), responses.get(1).getBody());
        assertEquals(2, responses.get(1).getBody().split("\"status\":\"created\"", -1).length - 1, responses.get(1).getBody());
        assertEquals(400, responses.get(2).getStatusCode(), responses.get(2).getBody());
        assertTrue(responses.get(2).getBody().contains("\"amount\""), responses.get(2).getBody());
    }
}
