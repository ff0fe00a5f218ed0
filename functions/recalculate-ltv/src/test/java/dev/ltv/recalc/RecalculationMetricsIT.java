package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.testing.RecordedTelemetry;
import dev.ltv.testing.RecordingContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a stream batch publishes, from the events/ fixtures through the handler against DynamoDB Local. */
class RecalculationMetricsIT {

    private RecalculateLtvHandler handler;
    private final List<String> diverted = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestEnvironment env = TestEnvironment.create("recalc-metrics");
        handler = new RecalculateLtvHandler(env.config(), env.dynamo().client(), (record, reason) -> diverted.add(record.getEventID()));
    }

    private JsonNode run(String file, String requestId) {
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            DynamodbEvent event = EventLoader.loadDynamoDbEvent(RepoFiles.event(file).toString());
            assertTrue(handler.handleRequest(event, new RecordingContext(requestId)).getBatchItemFailures().isEmpty());
            return recorded.single();
        }
    }

    private static long metric(JsonNode document, String name) {
        assertTrue(document.path(name).isNumber(), () -> "no metric " + name + " in " + document);
        return document.get(name).asLong();
    }

    @Test
    void aBatchCountsItsRecordsCustomersAndWhatWasApplied() {
        JsonNode first = run("stream-batch.json", "req-1");   // p-1002 and p-1003 of c-1001, p-2001 of c-2002
        assertEquals(3, metric(first, "Records"));
        assertEquals(2, metric(first, "Customers"));
        assertEquals(3, metric(first, "RecordsApplied"));
        assertEquals(0, metric(first, "RecordsAlreadyApplied"));
        assertEquals(0, metric(first, "RecordsDiverted"));
        assertEquals(0, metric(first, "BatchCheckpoints"));
        assertEquals(0, metric(first, "BatchErrors"));
        assertTrue(metric(first, "BatchDuration") >= 0);
        assertEquals("req-1", first.get("requestId").asText());
        assertFalse(first.has("Route"));

        JsonNode redelivered = run("stream-batch.json", "req-2");
        assertEquals(0, metric(redelivered, "RecordsApplied"));
        assertEquals(3, metric(redelivered, "RecordsAlreadyApplied"));
    }

    @Test
    void anUnusableRecordIsCountedAsDiverted() {
        JsonNode document = run("stream-poison.json", "req-3");
        assertEquals(1, metric(document, "Records"));
        assertEquals(1, metric(document, "RecordsDiverted"));
        assertEquals(0, metric(document, "RecordsApplied"));
        assertEquals(1, diverted.size());
    }

    @Test
    void eachRecordIsLoggedWithTheIdsThatTieItToItsIngestRequest() {
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            handler.handleRequest(EventLoader.loadDynamoDbEvent(RepoFiles.event("stream-batch.json").toString()),
                    new RecordingContext("req-4"));
            List<JsonNode> lines = recorded.logLines();
            assertEquals(3, lines.size());
            JsonNode first = lines.getFirst();
            assertEquals("stream record", first.get("message").asText());
            assertEquals("req-4", first.get("requestId").asText());
            assertEquals("073b78c15a3f43c8a263ff2fb71f61b6", first.get("eventID").asText());
            assertEquals("INSERT", first.get("eventName").asText());
            assertEquals("c-1001", first.get("customerId").asText());
            assertEquals("p-1002", first.get("purchaseId").asText());
            assertTrue(first.has("sequenceNumber"));
            lines.forEach(line -> assertFalse(line.has("amount") || line.has("metadata"), line::toString));
        }
    }
}
