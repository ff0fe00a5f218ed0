package dev.ltv.segment.store;

import java.util.List;

/**
 * Where {@code CustomerSegmentChanged} events go: EventBridge on AWS, a file on the local stack. A publish that
 * throws leaves the events in the outbox, from which the next delivery of the batch publishes them again.
 */
public interface SegmentEventSink {

    /** No events are published, and no outbox is written (a deployment without an event bus; most tests). */
    SegmentEventSink NONE = new SegmentEventSink() {
        @Override
        public void publish(List<SegmentChange> events) {
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** Publishes every event or throws. */
    void publish(List<SegmentChange> events);

    default boolean enabled() {
        return true;
    }
}
