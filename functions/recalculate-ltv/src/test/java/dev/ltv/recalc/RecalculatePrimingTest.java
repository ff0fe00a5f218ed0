package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SnapStart priming applies its made-up stream batch without a failed record, with no DynamoDB at all. */
class RecalculatePrimingTest {

    @Test
    void primingAppliesItsBatchFromMemory() {
        // no endpoint override: the regional AWS endpoint, which priming must never call
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "purchases", "LTV_TABLE", "ltv")));

        StreamsEventResponse response = RecalculatePriming.prime(config);

        assertEquals(0, response.getBatchItemFailures().size(), String.valueOf(response.getBatchItemFailures()));
    }
}
