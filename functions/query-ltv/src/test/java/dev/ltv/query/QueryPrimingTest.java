package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SnapStart priming runs both routes to a full answer on its made-up data, with no DynamoDB at all. */
class QueryPrimingTest {

    @Test
    void primingAnswersBothRoutesFromMemory() throws Exception {
        // no endpoint override: the regional AWS endpoint, which priming must never call
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "purchases", "LTV_TABLE", "ltv")));

        List<APIGatewayV2HTTPResponse> responses = QueryPriming.prime(config);

        assertEquals(200, responses.get(0).getStatusCode(), responses.get(0).getBody());
        JsonNode customer = Json.MAPPER.readTree(responses.get(0).getBody());
        // 180.00 a year × 3 years × margin 0.4 − 25 acquisition cost
        assertEquals(0, new BigDecimal("191.00").compareTo(customer.path("classic").path("ltv").decimalValue()), customer.toString());
        assertEquals(1, customer.path("predictive").path("modelVersion").asInt(), customer.path("predictive").toString());
        assertEquals(200, responses.get(1).getStatusCode(), responses.get(1).getBody());
        JsonNode metrics = Json.MAPPER.readTree(responses.get(1).getBody());
        assertEquals(1, metrics.path("customers").asInt(), metrics.toString());
    }
}
