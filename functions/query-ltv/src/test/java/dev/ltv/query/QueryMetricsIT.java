package dev.ltv.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.testing.RecordedTelemetry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query latency and errors per route, from real invocations against DynamoDB Local. */
class QueryMetricsIT {

    @Test
    void eachRequestPublishesItsLatencyAndErrorsUnderItsRoute() {
        QueryFixture fx = new QueryFixture("metrics");
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            assertEquals(404, fx.invoke(QueryFixture.event("query-miss.json")).getStatusCode());
            assertEquals(200, fx.invoke(QueryFixture.event("query-metrics.json")).getStatusCode());
            assertEquals(400, fx.invoke(QueryFixture.event("query-invalid.json")).getStatusCode());

            List<JsonNode> documents = recorded.documents();
            assertEquals(List.of("GET /customers/{customerId}/ltv", "GET /metrics", "GET /customers/{customerId}/ltv"),
                    documents.stream().map(d -> d.get("Route").asText()).toList());
            assertEquals(List.of(1L, 0L, 1L), documents.stream().map(d -> d.get("ClientErrors").asLong()).toList());
            assertEquals(List.of(0L, 0L, 0L), documents.stream().map(d -> d.get("ServerErrors").asLong()).toList());
            documents.forEach(d -> assertTrue(d.get("Latency").isNumber() && d.get("Latency").asLong() >= 0));
            // the function's name as Lambda gives it (on AWS: the stack's physical name), which tells stacks apart
            documents.forEach(d -> assertEquals("test-function", d.get("FunctionName").asText()));
        }
    }
}
