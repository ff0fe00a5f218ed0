package dev.ltv.state;

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
import java.util.LinkedHashMap;
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
 */
public final class Recalculator {

    /** Markers + state + up to two days per change + company totals stay well under the 100-item transaction limit. */
    static final int MAX_CHANGES_PER_TRANSACTION = 25;
    private static final int MAX_ATTEMPTS = 12;

    private final DynamoDbClient dynamo;
    private final StateStore store;
    private final Duration markerTtl;
    private final Clock clock;
    private final CapacityMeter meter;
    private final StateAnnotator annotator;

    public Recalculator(DynamoDbClient dynamo, StateStore store, Duration markerTtl, Clock clock, CapacityMeter meter) {
        this(dynamo, store, markerTtl, clock, meter, StateAnnotator.NONE);
    }

    public Recalculator(DynamoDbClient dynamo, StateStore store, Duration markerTtl, Clock clock, CapacityMeter meter,
                        StateAnnotator annotator) {
        this.dynamo = dynamo;
        this.store = store;
        this.markerTtl = markerTtl;
        this.clock = clock;
        this.meter = meter;
        this.annotator = annotator;
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
        Map<String, PurchaseChange> unique = new LinkedHashMap<>();
        int withoutEffect = 0;
        for (PurchaseChange change : changes) {
            if (!change.customerId().equals(customerId)) {
                throw new IllegalArgumentException("change " + change.eventId() + " is not of customer " + customerId);
            }
            if (change.deltas().isEmpty()) {
                withoutEffect++; // e.g. only refundedAmount changed: applying it twice is harmless, no marker needed
            } else {
                unique.putIfAbsent(change.eventId(), change);
            }
        }
        int duplicatesInBatch = changes.size() - withoutEffect - unique.size();
        Outcome outcome = new Outcome(0, duplicatesInBatch, withoutEffect);
        List<PurchaseChange> pending = new ArrayList<>(unique.values());
        for (int from = 0; from < pending.size(); from += MAX_CHANGES_PER_TRANSACTION) {
            outcome = outcome.plus(applyChunk(customerId,
                    new ArrayList<>(pending.subList(from, Math.min(from + MAX_CHANGES_PER_TRANSACTION, pending.size())))));
        }
        return outcome;
    }

    private Outcome applyChunk(String customerId, List<PurchaseChange> chunk) {
        int alreadyApplied = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (chunk.isEmpty()) {
                return new Outcome(0, alreadyApplied, 0);
            }
            StateTransition transition;
            try {
                transition = transition(customerId, chunk);
            } catch (NegativeDayException e) {
                // Some of these records were applied before, and taking them again drives a day below zero
                // before the transaction could tell: ask their markers first (only on this rare path).
                Set<String> applied = store.appliedEventIds(customerId, chunk.stream().map(PurchaseChange::eventId).toList());
                if (applied.isEmpty()) {
                    throw e;
                }
                alreadyApplied += applied.size();
                chunk.removeIf(change -> applied.contains(change.eventId()));
                continue;
            }
            List<TransactWriteItem> items = transactionItems(customerId, chunk, transition);
            try {
                TransactWriteItemsResponse response = dynamo.transactWriteItems(request -> request
                        .transactItems(items).returnConsumedCapacity(meter.mode()));
                meter.write(response.consumedCapacity());
                return new Outcome(chunk.size(), alreadyApplied, 0);
            } catch (TransactionCanceledException cancelled) {
                meter.write(List.of());
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                Set<PurchaseChange> applied = new HashSet<>();
                boolean conflict = false;
                for (int i = 0; i < reasons.size(); i++) {
                    String code = reasons.get(i).code();
                    if ("ConditionalCheckFailed".equals(code) && i < chunk.size()) {
                        applied.add(chunk.get(i)); // its marker exists: delivered and applied before
                    } else if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)
                            || "ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)) {
                        conflict = true;
                    } else if (code != null && !"None".equals(code)) {
                        throw new RecalculationException("customer " + customerId + ": transaction refused: " + code
                                + " " + reasons.get(i).message(), cancelled);
                    }
                }
                alreadyApplied += applied.size();
                chunk.removeAll(applied);
                if (applied.isEmpty() || conflict) {
                    Backoff.BACKGROUND.pause(attempt);
                }
            } catch (DynamoDbException | SdkClientException transientFailure) {
                if (!isRetryable(transientFailure)) {
                    throw new RecalculationException("customer " + customerId + ": " + transientFailure.getMessage(), transientFailure);
                }
                Backoff.BACKGROUND.pause(attempt);
            }
        }
        throw new RecalculationException("customer " + customerId + ": gave up after " + MAX_ATTEMPTS
                + " attempts (contention or throttling)", null);
    }

    private StateTransition transition(String customerId, List<PurchaseChange> chunk) {
        // Read the state before the days: a write landing in between moves the version and fails our condition.
        CustomerState before = store.readState(customerId, true).orElse(null);
        List<DayDelta> deltas = new ArrayList<>();
        chunk.forEach(change -> deltas.addAll(change.deltas()));
        Set<LocalDate> days = new HashSet<>();
        deltas.forEach(delta -> days.add(delta.day()));
        Map<LocalDate, DayTotal> stored = store.readDays(customerId, days);
        return StateTransition.compute(customerId, before, stored, deltas, store.dayIndex(customerId), clock.instant());
    }

    private List<TransactWriteItem> transactionItems(String customerId, List<PurchaseChange> chunk, StateTransition transition) {
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
        items.addAll(StateWrites.forTransition(table, customerId, transition, annotator));
        return items;
    }

    private static boolean isRetryable(Exception e) {
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
