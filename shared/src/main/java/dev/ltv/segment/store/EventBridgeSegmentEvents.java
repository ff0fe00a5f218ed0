package dev.ltv.segment.store;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes segment changes to an EventBridge bus: source {@value SegmentChange#SOURCE}, detail-type
 * {@value SegmentChange#DETAIL_TYPE}, the change as the detail. PutEvents takes 10 entries a request and may
 * refuse some of them; any refusal throws, so the outbox keeps the events for the next delivery (the ones that
 * did go out then go out again, with the same event ids).
 */
public final class EventBridgeSegmentEvents implements SegmentEventSink {

    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgeSegmentEvents(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    /** Credentials and region from the Lambda environment (read when the first event is sent). */
    public static EventBridgeSegmentEvents create(String busName) {
        return new EventBridgeSegmentEvents(EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).build(), busName);
    }

    @Override
    public void publish(List<SegmentChange> events) {
        for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (SegmentChange event : events.subList(from, Math.min(from + MAX_ENTRIES, events.size()))) {
                entries.add(PutEventsRequestEntry.builder().eventBusName(busName).source(SegmentChange.SOURCE)
                        .detailType(SegmentChange.DETAIL_TYPE).detail(event.detailJson()).build());
            }
            PutEventsResponse response = client.putEvents(request -> request.entries(entries));
            Integer failed = response.failedEntryCount();
            if (failed != null && failed > 0) {
                String reason = response.entries().stream().map(PutEventsResultEntry::errorCode)
                        .filter(code -> code != null).findFirst().orElse("unknown");
                throw new IllegalStateException("EventBridge refused " + failed + " of " + entries.size()
                        + " segment events (" + reason + ")");
            }
        }
    }
}
