package dev.ltv.segment.store;

import dev.ltv.model.ModelSource;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.state.CustomerState;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Segments kept live by the recalculation: each state it writes is assigned its segments under the latest model's
 * boundaries in the same transaction (with the per-segment totals' difference and the outbox of change events),
 * and the events are published once that transaction committed.
 */
public final class LiveSegments {

    /** No segments: states are written without them (tests of the exact figures, deployments without a model). */
    public static final LiveSegments OFF = new LiveSegments(null, Optional::empty, Clock.systemUTC(), ZoneId.of("UTC"), null);

    private final SegmentAssigner assigner;
    private final ModelSource models;
    private final Clock clock;
    private final ZoneId zone;
    private final SegmentOutbox outbox;

    public LiveSegments(SegmentAssigner assigner, ModelSource models, Clock clock, ZoneId zone, SegmentOutbox outbox) {
        this.assigner = assigner;
        this.models = models;
        this.clock = clock;
        this.zone = zone;
        this.outbox = outbox;
    }

    /**
     * The segment part of a transaction that replaces {@code before} by {@code after} (null: the state is deleted).
     *
     * @param eventSeed what caused the write, unique to it and the same on every delivery (the stream record's eventID)
     */
    public SegmentWrites.Planned plan(String table, String customerId, CustomerState before, CustomerState after,
                                      String eventSeed) {
        if (this == OFF) {
            return SegmentWrites.Planned.NONE;
        }
        SegmentMembership old = before == null ? null : before.segments();
        SegmentMembership next = null;
        if (after != null) {
            var model = models.latest(); // a failed read is retried with the transaction, as any read of it
            try {
                next = assigner.assign(after, model, LocalDate.now(clock.withZone(zone)));
            } catch (RuntimeException e) {
                // segments must never stop the exact figures from being written: the stored membership stays as
                // it is (the totals stay its sums); the next write or the daily reassignment assigns it again
                System.err.println("WARN segments kept as they were for customer " + customerId + ": " + e);
                next = old;
            }
        }
        if (old == null && next == null) {
            return SegmentWrites.Planned.NONE;
        }
        Instant now = clock.instant();
        return SegmentWrites.plan(table, customerId, old, next, eventSeed, now, outbox.enabled());
    }

    /** After the commit: publishes the transaction's events and clears its outbox item. */
    public void committed(SegmentWrites.Planned planned) {
        if (this != OFF) {
            outbox.publishCommitted(planned);
        }
    }

    /** A redelivery found records applied: whatever their transaction left in the outbox is published now. */
    public void redelivered(String customerId) {
        if (this != OFF) {
            outbox.republish(customerId);
        }
    }
}
