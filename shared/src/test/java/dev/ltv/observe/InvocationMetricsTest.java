package dev.ltv.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ltv.testing.RecordedTelemetry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The document against the structure the CloudWatch Embedded Metric Format specification requires: a root
 * {@code _aws} member with an integer {@code Timestamp} and a {@code CloudWatchMetrics} array of directives, each
 * with a {@code Namespace}, {@code Dimensions} (an array of arrays of dimension names) and {@code Metrics} (objects
 * with {@code Name} and a {@code Unit} from the specification's list); every dimension a top-level string member,
 * every metric a top-level number.
 */
class InvocationMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDocumentHasTheStructureTheSpecificationRequires() throws Exception {
        InvocationMetrics metrics = new InvocationMetrics("ltv", Map.of("FunctionName", "ltv-Query-ABC"))
                .alsoBy("Route", "GET /customers/{customerId}/ltv")
                .count("ClientErrors", 1)
                .milliseconds("Latency", 37)
                .property("requestId", "r-1");

        String line = metrics.toEmf(1_796_000_000_123L);
        assertTrue(!line.contains("\n"), "one log line");
        JsonNode root = JSON.readTree(line);
        RecordedTelemetry.assertSpecStructure(root);

        JsonNode directive = root.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(1_796_000_000_123L, root.get("_aws").get("Timestamp").asLong());
        assertEquals("ltv", directive.get("Namespace").asText());
        assertEquals("[[\"FunctionName\"],[\"FunctionName\",\"Route\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]",
                directive.get("Metrics").toString());
        assertEquals("ltv-Query-ABC", root.get("FunctionName").asText());
        assertEquals("GET /customers/{customerId}/ltv", root.get("Route").asText());
        assertEquals(1, root.get("ClientErrors").asLong());
        assertEquals(37, root.get("Latency").asLong());
        assertEquals("r-1", root.get("requestId").asText());
    }

    @Test
    void valuesAndNamesAreEscapedIntoValidJson() throws Exception {
        String awkward = "a \"quoted\" \\ value\nwith\tcontrol \u0001 chars and ünïcode";
        JsonNode root = JSON.readTree(new InvocationMetrics("ltv", Map.of("FunctionName", awkward))
                .count("Records", 3).property("note", awkward).toEmf(1L));
        RecordedTelemetry.assertSpecStructure(root);
        assertEquals(awkward, root.get("FunctionName").asText());
        assertEquals(awkward, root.get("note").asText());
    }

    @Test
    void theConsoleSummaryListsEveryValue() {
        InvocationMetrics metrics = new InvocationMetrics("ltv", Map.of("FunctionName", "f"))
                .alsoBy("Route", "POST /purchases").count("PurchasesCreated", 2).milliseconds("Latency", 14);
        assertEquals("PurchasesCreated=2 Latency=14ms (Route: POST /purchases)", metrics.summary());
        assertEquals(2.0, metrics.value("PurchasesCreated").orElseThrow());
    }

    @Test
    void structuredLogLinesAreJsonWithTheRequestIdAndOnlyTheFieldsGiven() throws Exception {
        JsonNode line = JSON.readTree(StructuredLog.line("INFO", null, "purchase created",
                "customerId", "c-1", "purchaseId", "p-\"1\"", "skipped", null));
        assertEquals("INFO", line.get("level").asText());
        assertEquals("purchase created", line.get("message").asText());
        assertEquals("none", line.get("requestId").asText());
        assertEquals("c-1", line.get("customerId").asText());
        assertEquals("p-\"1\"", line.get("purchaseId").asText());
        assertTrue(!line.has("skipped"));
    }
}
