package dev.ltv.state;

import dev.ltv.segment.store.LiveSegments;
import dev.ltv.segment.store.SegmentWrites;
import dev.ltv.store.Backoff;
import dev.ltv.store.Keys;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies purchase changes to a customer's state exactly once, however often they are delivered.
 *
 * <p>One DynamoDB transaction per customer and batch (at most {@link #MAX_CHANGES_PER_TRANSACTION} changes)
 * puts an "applied" marker per stream record, conditional on its absence, and writes the new state,
 * conditional on the version that was read. Either all of it happens or none: a redelivered record finds
 * its marker and is left out; a concurrent writer moves the version and the attempt is recomputed. The
 * cost per purchase is constant: one state read, one read of the touched days, one transaction — plus,
 * only when a first or last purchase day is emptied, a short query for its neighbour.
 *
 * <p>A stream batch's customers are usually applied several to a transaction by {@link PackedRecalculation}, which
 * builds each customer's items here; this class applies a customer alone (a long group, a customer its pack handed
 * back, the repair and benchmark paths).
 */
public final class Recalculator {

    /** At most this many changes per transaction (fewer when they touch many days: see {@link TransactionChunks}). */
    static final int MAX_CHANGES_PER_TRANSACTION = 25;
    private static final int MAX_ATTEMPTS = 12;
    private static final int MAX_TRANSACTION_ITEMS = 100;

    /** A chunk whose transaction would exceed DynamoDB's item limit (only a cohort move of a long history can). */
    private static final class TooManyItems extends RuntimeException {
        final int alreadyApplied;
        final List<PurchaseChange> remaining;

        TooManyItems(int alreadyApplied, List<PurchaseChange> remaining) {
            super(null, null, false, false);
            this.alreadyApplied = alreadyApplied;
            this.remaining = List.copyOf(remaining);
        }
    }

    private final DynamoDbClient dynamo;
    private final StateStore store;
    private final Duration markerTtl;
    private final Clock clock;
    private final CapacityMeter meter;
    private final StateAnnotator annotator;
    private final PeriodStore periods;
    private final LiveSegments segments;

    public Recalculator(DynamoDbClient dynamo, StateStore store, Duration markerTtl, Clock clock, CapacityMeter meter) {
        this(dynamo, store, markerTtl, clock, meter, StateAnnotator.NONE);
    }

    public Recalculator(DynamoDbClient dynamo, StateStore store, Duration markerTtl, Clock clock, CapacityMeter meter,
                        StateAnnotator annotator) {
        this(dynamo, store, markerTtl, clock, meter, annotator, LiveSegments.OFF);
    }

    /** With each written state assigned its segments (and their totals and change events) in the same transaction. */
    public Recalculator(DynamoDbClient dynamo, StateStore store, Duration markerTtl, Clock clock, CapacityMeter meter,
                        StateAnnotator annotator, LiveSegments segments) {
        this.segments = segments;
        this.dynamo = dynamo;
        this.store = store;
        this.markerTtl = markerTtl;
        this.clock = clock;
        this.meter = meter;
        this.annotator = annotator;
        this.periods = new PeriodStore(store);
    }

    /** What happened to a customer's changes. */
    public record Outcome(int applied, int alreadyApplied, int withoutEffect) {
        Outcome plus(Outcome other) {
            return new Outcome(applied + other.applied, alreadyApplied + other.alreadyApplied, withoutEffect + other.withoutEffect);
        }
    }

    /**
     * Applies one customer's changes (any order, duplicates allowed).
     *
     * @throws RecalculationException when the changes could not be applied after bounded retries; none of
     *                                the changes of the failing transaction took effect
     */
    public Outcome apply(String customerId, List<PurchaseChange> changes) {
        return apply(customerId, changes, ReadAhead.NONE);
    }

    /**
     * As {@link #apply(String, List)}, with the first attempt working on what {@code readAhead} read for this
     * customer (if anything), which saves its two reads.
     */
    public Outcome apply(String customerId, List<PurchaseChange> changes, ReadAhead readAhead) {
        ReadAhead.Reads reads = readAhead.take(customerId);
        DistinctChanges distinct = DistinctChanges.of(customerId, changes);
        Outcome outcome = new Outcome(0, distinct.duplicates(), distinct.withoutEffect());
        List<PurchaseChange> pending = distinct.pending();
        for (List<PurchaseChange> chunk : TransactionChunks.split(pending, MAX_CHANGES_PER_TRANSACTION)) {
            try {
                outcome = outcome.plus(applyChunk(customerId, chunk, reads));
            } catch (TooManyItems tooMany) {
                // a cohort move of a long history left no room for the chunk's other changes: one at a time
                outcome = outcome.plus(new Outcome(0, tooMany.alreadyApplied, 0));
                for (PurchaseChange change : tooMany.remaining) {
                    outcome = outcome.plus(applyChunk(customerId, new ArrayList<>(List.of(change)), null));
                }
            }
            reads = null; // the first chunk's transaction changed what was read
        }
        if (outcome.alreadyApplied() > distinct.duplicates()) {
            republishSegmentEvents(customerId);
        }
        return outcome;
    }

    private Outcome applyChunk(String customerId, List<PurchaseChange> chunk, ReadAhead.Reads readAhead) {
        ReadAhead.Reads reads = readAhead;
        int alreadyApplied = 0;
        int attempt = 0;
        while (!chunk.isEmpty()) {
            if (attempt >= MAX_ATTEMPTS) {
                throw RecalculationException.transientFailure("customer " + customerId + ": gave up after " + MAX_ATTEMPTS
                        + " attempts (contention or throttling)", null);
            }
            ReadAhead.Reads first = reads;
            try {
                Computed transition;
                try {
                    reads = null; // serves one attempt: a retry reads afresh
                    transition = transition(customerId, chunk, first);
                } catch (NegativeDayException e) {
                    // Some of these records were applied before, and taking them again drives a day below zero
                    // before the transaction could tell: ask their markers (only on this rare path).
                    int found = dropApplied(customerId, chunk);
                    if (found == 0 && first != null) {
                        continue; // judge on fresh reads, not on what was read ahead
                    }
                    if (found == 0) {
                        throw RecalculationException.permanent("customer " + customerId + ": " + e.getMessage(), e);
                    }
                    alreadyApplied += found;
                    continue; // not an attempt: the chunk shrank
                }
                SegmentWrites.Planned planned = planSegments(customerId, transition, chunk);
                List<TransactWriteItem> items = transactionItems(customerId, chunk, transition, planned);
                if (items.size() > MAX_TRANSACTION_ITEMS && chunk.size() > 1) {
                    throw new TooManyItems(alreadyApplied, chunk);
                }
                TransactWriteItemsResponse response = dynamo.transactWriteItems(request -> request
                        .transactItems(items).returnConsumedCapacity(meter.mode()));
                meter.write(response.consumedCapacity());
                meter.written(items.size());
                publishSegmentEvents(customerId, planned);
                return new Outcome(chunk.size(), alreadyApplied, 0);
            } catch (TransactionCanceledException cancelled) {
                meter.write(List.of());
                boolean markerFailed = false;
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                for (int i = 0; i < reasons.size(); i++) {
                    String code = reasons.get(i).code();
                    if ("ConditionalCheckFailed".equals(code) && i < chunk.size()) {
                        markerFailed = true; // a marker exists: that record was delivered and applied before
                    } else if (code != null && !"None".equals(code) && !"ConditionalCheckFailed".equals(code)
                            && !"TransactionConflict".equals(code) && !"ThrottlingError".equals(code)
                            && !"ProvisionedThroughputExceeded".equals(code)) {
                        throw RecalculationException.permanent("customer " + customerId + ": transaction refused: " + code
                                + " " + reasons.get(i).message(), cancelled);
                    }
                }
                if (markerFailed) {
                    // DynamoDB may report only some of the failed conditions: read every marker of the chunk at once
                    int found = dropApplied(customerId, chunk);
                    if (found > 0) {
                        alreadyApplied += found;
                        continue; // not an attempt: the chunk shrank
                    }
                }
                Backoff.BACKGROUND.pause(attempt++); // a concurrent writer (the version moved), a conflict, throttling
            } catch (DynamoDbException | SdkClientException failure) {
                if (!isRetryable(failure)) {
                    throw RecalculationException.permanent("customer " + customerId + ": " + failure.getMessage(), failure);
                }
                Backoff.BACKGROUND.pause(attempt++); // reads and writes alike: throttling, 5xx, timeouts
            }
        }
        return new Outcome(0, alreadyApplied, 0);
    }

    SegmentWrites.Planned planSegments(String customerId, Computed transition, List<PurchaseChange> chunk) {
        StateTransition state = transition.state();
        return state.changesAnything()
                ? segments.plan(store.table(), customerId, state.before(), state.after(), chunk.getFirst().eventId())
                : SegmentWrites.Planned.NONE;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    StateStore store() {
        return store;
    }

    CapacityMeter meter() {
        return meter;
    }

    /** Removes the changes whose markers exist; returns how many. */
    int dropApplied(String customerId, List<PurchaseChange> chunk) {
        Set<String> applied = store.appliedEventIds(customerId, chunk.stream().map(PurchaseChange::eventId).toList());
        chunk.removeIf(change -> applied.contains(change.eventId()));
        return applied.size();
    }

    /**
     * A transition and the customer's stored year items: those of the days it touches (for the period sums), or all
     * of them when the customer moves to another cohort.
     */
    record Computed(StateTransition state, Map<Integer, CustomerYear> years) {
    }

    Computed transition(String customerId, List<PurchaseChange> chunk, ReadAhead.Reads readAhead) {
        List<DayDelta> deltas = new ArrayList<>();
        chunk.forEach(change -> deltas.addAll(change.deltas()));
        Set<LocalDate> days = new HashSet<>();
        deltas.forEach(delta -> days.add(delta.day()));
        Map<LocalDate, DayTotal> readDays = readAhead == null ? null : readAhead.storedFor(days);
        CustomerState before;
        Map<LocalDate, DayTotal> stored;
        Map<Integer, CustomerYear> years;
        if (readDays != null) {
            before = readAhead.state();
            stored = readDays;
            years = readAhead.years();
        } else {
            // Read the state before the days: a write landing in between moves the version and fails our condition.
            before = store.readState(customerId, true).orElse(null);
            PeriodStore.DaysAndYears read = periods.readDaysAndYears(Map.of(customerId, days));
            stored = read.days().get(customerId);
            years = read.years().get(customerId);
        }
        StateTransition transition = StateTransition.compute(customerId, before, stored, deltas, store.dayIndex(customerId),
                clock.instant());
        if (CohortWrites.needsAllYears(transition.before(), transition.after())) {
            years = periods.readAllYears(customerId); // the cohort moves: O(the customer's active years), rare
        }
        return new Computed(transition, years);
    }

    /** After the commit; a failure leaves the events in the outbox, and the batch's redelivery publishes them. */
    void publishSegmentEvents(String customerId, SegmentWrites.Planned planned) {
        try {
            segments.committed(planned);
        } catch (RuntimeException e) {
            throw RecalculationException.transientFailure("customer " + customerId
                    + ": applied, but its segment events could not be published yet: " + e.getMessage(), e);
        }
    }

    void republishSegmentEvents(String customerId) {
        try {
            segments.redelivered(customerId);
        } catch (RuntimeException e) {
            throw RecalculationException.transientFailure("customer " + customerId
                    + ": segment events left in the outbox could not be published: " + e.getMessage(), e);
        }
    }

    List<TransactWriteItem> transactionItems(String customerId, List<PurchaseChange> chunk, Computed computed,
                                                     SegmentWrites.Planned planned) {
        StateTransition transition = computed.state();
        String table = store.table();
        Instant now = clock.instant();
        Instant expires = now.plus(markerTtl);
        List<TransactWriteItem> items = new ArrayList<>();
        // Markers come first: the index of a cancellation reason then names the change it belongs to.
        for (PurchaseChange change : chunk) {
            String purchaseId = change.newImage() != null ? change.newImage().purchaseId() : change.oldImage().purchaseId();
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(StateItems.marker(customerId, change.eventId(), purchaseId, now, expires))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK))
                    .build()).build());
        }
        if (!transition.changesAnything()) {
            items.addAll(StateWrites.forTransition(table, customerId, transition, annotator));
            return items;
        }
        StateAnnotator withSegments = planned.stateAttributes().isEmpty() ? annotator : state -> {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> attributes =
                    new java.util.HashMap<>(annotator.attributesFor(state));
            attributes.putAll(planned.stateAttributes());
            return attributes;
        };
        items.addAll(StateWrites.forTransition(table, customerId, transition, withSegments));
        items.addAll(PeriodWrites.forTransition(table, customerId, computed.years(), transition));
        items.addAll(ChannelWrites.forTransition(table, customerId, transition.before(), transition.after()));
        items.addAll(CohortWrites.forTransition(table, customerId, transition.before(), transition.after(),
                computed.years(), PeriodWrites.yearsAfter(computed.years(), transition)));
        items.addAll(planned.items());
        return items;
    }

    static boolean isRetryable(Exception e) {
        if (e instanceof SdkClientException) {
            return true; // timeouts, connection resets: the transaction either fully happened or not at all
        }
        DynamoDbException dynamoDbException = (DynamoDbException) e;
        int status = dynamoDbException.statusCode();
        String code = dynamoDbException.awsErrorDetails() == null ? "" : dynamoDbException.awsErrorDetails().errorCode();
        return status >= 500 || "ThrottlingException".equals(code) || "ProvisionedThroughputExceededException".equals(code)
                || "RequestLimitExceeded".equals(code) || "TransactionInProgressException".equals(code);
    }
}
