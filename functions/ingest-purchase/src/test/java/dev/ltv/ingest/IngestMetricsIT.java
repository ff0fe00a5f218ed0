package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.testing.RecordedTelemetry;
import dev.ltv.testing.RecordingContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ltv.ingest.IngestFixture.POST;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What ingest publishes, from real invocations against DynamoDB Local: one EMF document per request, one log line per purchase. */
class IngestMetricsIT {

    private final IngestFixture fx = new IngestFixture();
    private int requests;

    /** Through the handler as Lambda calls it: with a context (without one, nothing is published). */
    private APIGatewayV2HTTPResponse invoke(String method, String path, String routeKey, String body, Map<String, String> pathParameters) {
        return fx.invoke(IngestFixture.request(method, path, routeKey, body, body == null ? null : "application/json", pathParameters),
                new RecordingContext("req-" + ++requests));
    }

    private APIGatewayV2HTTPResponse post(String body) {
        return invoke("POST", "/purchases", POST, body, null);
    }

    private static String batch(String... items) {
        return "{\"purchases\":[" + String.join(",", items) + "]}";
    }

    private static long metric(JsonNode document, String name) {
        JsonNode value = document.get(name);
        if (value == null || !value.isNumber()) {
            throw new AssertionError("no metric " + name + " in " + document);
        }
        return value.asLong();
    }

    @Test
    void withoutAnInvocationContextNothingIsPublished() {
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            assertStatus(201, fx.post(purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", "")));
            assertEquals(List.of(), recorded.documents());
            assertEquals(List.of(), recorded.logLines());
        }
    }

    @Test
    void aBatchWithOneDuplicateCountsTheOthersAsCreated() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", "")));
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            var response = fx.invoke(IngestFixture.request("POST", "/purchases", POST, batch(
                    purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", ""),
                    purchase("c-1", "p-2", "20.00", "2026-11-02T10:00:00Z", ""),
                    purchase("c-2", "p-3", "30.00", "2026-11-03T10:00:00Z", ""),
                    purchase("c-2", "p-4", "40.00", "2026-11-04T10:00:00Z", "")), "application/json", null),
                    new RecordingContext("req-batch"));
            assertStatus(200, response);

            JsonNode document = recorded.single();
            assertEquals(3, metric(document, "PurchasesCreated"));
            assertEquals(1, metric(document, "PurchasesDuplicate"));
            assertEquals(0, metric(document, "PurchasesConflict"));
            assertEquals(0, metric(document, "PurchasesRejected"));
            assertEquals(0, metric(document, "ClientErrors"));
            assertEquals(0, metric(document, "ServerErrors"));
            assertFalse(metric(document, "Latency") < 0);
            assertEquals("POST /purchases", document.get("Route").asText());
            assertEquals("req-batch", document.get("requestId").asText());
            assertEquals("[[\"FunctionName\"],[\"FunctionName\",\"Route\"]]",
                    document.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());

            // one line per purchase, with the ids the recalculation logs too, and nothing else about the purchase
            List<JsonNode> lines = recorded.logLines();
            assertEquals(4, lines.size());
            assertEquals("{\"level\":\"INFO\",\"message\":\"purchase duplicate\",\"requestId\":\"req-batch\",\"customerId\":\"c-1\","
                    + "\"purchaseId\":\"p-1\",\"kind\":\"PURCHASE\",\"outcome\":\"duplicate\"}", lines.get(0).toString());
            assertEquals("p-4", lines.get(3).get("purchaseId").asText());
            lines.forEach(line -> assertFalse(line.toString().contains("40.00") || line.has("amount"), line::toString));
        }
    }

    @Test
    void conflictsAndRefusedRefundsAreCountedApart() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", "")));
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            assertStatus(200, post(batch(
                    purchase("c-1", "p-1", "11.00", "2026-11-01T10:00:00Z", ""),      // same id, other amount
                    refund("c-1", "r-1", "p-1", "50.00", "2026-11-05T10:00:00Z"),     // more than the purchase
                    refund("c-1", "r-2", "p-9", "1.00", "2026-11-05T10:00:00Z"),      // no such purchase
                    purchase("c-1", "p-2", "5.00", "2026-11-02T10:00:00Z", ""))));
            JsonNode document = recorded.single();
            assertEquals(1, metric(document, "PurchasesCreated"));
            assertEquals(0, metric(document, "PurchasesDuplicate"));
            assertEquals(1, metric(document, "PurchasesConflict"));
            assertEquals(2, metric(document, "PurchasesRejected"));
        }
    }

    @Test
    void aSingleConflictIsAClientErrorAndAnInvalidBodyCountsNoPurchase() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", "")));
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            assertStatus(409, post(purchase("c-1", "p-1", "12.00", "2026-11-01T10:00:00Z", "")));
            assertStatus(400, post("{\"purchaseId\": \"p-9\"}"));
            assertStatus(404, invoke("GET", "/nowhere", null, null, null));

            List<JsonNode> documents = recorded.documents();
            assertEquals(3, documents.size());
            assertEquals(1, metric(documents.get(0), "PurchasesConflict"));
            assertEquals(1, metric(documents.get(0), "ClientErrors"));
            assertFalse(documents.get(1).has("PurchasesCreated"), "nothing was ingested: no outcome counts");
            assertEquals(1, metric(documents.get(1), "ClientErrors"));
            assertEquals("unmatched", documents.get(2).get("Route").asText(), "no path (with its ids) as a dimension");
        }
    }

    @Test
    void correctionsAndDeletionsLogTheIdsTheStreamWillCarry() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", "")));
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            Map<String, String> ids = Map.of("customerId", "c-1", "purchaseId", "p-1");
            assertStatus(200, invoke("PATCH", "/customers/c-1/purchases/p-1", IngestFixture.PATCH, "{\"amount\": 12.00}", ids));
            assertStatus(200, invoke("DELETE", "/customers/c-1/purchases/p-1", IngestFixture.DELETE, null, ids));
            assertEquals(List.of("corrected", "deleted"), recorded.logLines().stream().map(l -> l.get("outcome").asText()).toList());
            recorded.logLines().forEach(line -> assertEquals("p-1", line.get("purchaseId").asText()));
            assertEquals(List.of("PATCH /customers/{customerId}/purchases/{purchaseId}", "DELETE /customers/{customerId}/purchases/{purchaseId}"),
                    recorded.documents().stream().map(d -> d.get("Route").asText()).toList());
        }
    }
}
