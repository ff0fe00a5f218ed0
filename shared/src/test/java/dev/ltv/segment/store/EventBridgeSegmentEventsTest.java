package dev.ltv.segment.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.dynamodblocal.EventBridgeStandIn;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EventBridge sink through the real SDK client against a loopback stand-in of the PutEvents API (what goes on
 * the wire is read back): source, detail-type, bus and detail of each entry, 10 entries a request, and a partial
 * refusal thrown so that the outbox keeps the events.
 */
class EventBridgeSegmentEventsTest {

    private static SegmentChange change(int i) {
        return new SegmentChange("id-" + i, "c-" + i, "rfm", "rfm:new", "rfm:champions", new BigDecimal("120.00"),
                new BigDecimal("40.10"), 3, Instant.parse("2026-11-30T21:00:00Z"));
    }

    private static EventBridgeClient client(EventBridgeStandIn standIn) {
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(standIn.endpoint()).build();
    }

    @Test
    void eachChangeIsOneEntryOfTheBusTenARequest() throws Exception {
        List<JsonNode> requests;
        try (EventBridgeStandIn standIn = EventBridgeStandIn.accepting(); EventBridgeClient client = client(standIn)) {
            List<SegmentChange> changes = new ArrayList<>(IntStream.range(0, 12).mapToObj(EventBridgeSegmentEventsTest::change).toList());
            new EventBridgeSegmentEvents(client, "ltv-segments").publish(changes);
            requests = standIn.requests();
        }
        assertEquals(2, requests.size(), "12 events: 10 and 2");
        assertEquals(10, requests.get(0).path("Entries").size());
        JsonNode first = requests.get(0).path("Entries").get(0);
        assertEquals("ltv", first.path("Source").asText());
        assertEquals("CustomerSegmentChanged", first.path("DetailType").asText());
        assertEquals("ltv-segments", first.path("EventBusName").asText());
        JsonNode detail = EventBridgeStandIn.detail(first);
        assertEquals("id-0", detail.path("eventId").asText());
        assertEquals("rfm:champions", detail.path("newSegment").asText());
        assertEquals(0, new BigDecimal("40.10").compareTo(detail.path("predictedClv").decimalValue()));
        assertEquals("c-11", EventBridgeStandIn.detail(requests.get(1).path("Entries").get(1)).path("customerId").asText());
    }

    @Test
    void anEntryTheBusRefusesFailsThePublication() throws Exception {
        try (EventBridgeStandIn standIn = EventBridgeStandIn.refusingFirst(1); EventBridgeClient client = client(standIn)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new EventBridgeSegmentEvents(client, "ltv-segments").publish(List.of(change(1), change(2))));
            assertTrue(refused.getMessage().contains("InternalFailure"), refused.getMessage());
        }
    }
}
