package dev.ltv.fit.segment;

import dev.ltv.config.LtvConfig;
import dev.ltv.model.PredictionSnapshot;
import dev.ltv.model.StoredModel;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentItems;
import dev.ltv.segment.store.SegmentOutbox;
import dev.ltv.segment.store.SegmentWrites;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import dev.ltv.store.Backoff;
import dev.ltv.store.Keys;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daily reassignment: every customer's segments under the latest model's boundaries, as of today. Only
 * customers whom the passage of time (recency, P(alive)) or new boundaries moved are written, each in one
 * transaction with the per-segment totals' difference and the outbox of its change events (published after the
 * commit, as the recalculation does). The same write refreshes the customer's prediction snapshot and ranking
 * attributes ({@link PredictionSnapshot}, {@link RankingAttributes}) under the latest model, as of today, so that
 * the predicted CLV ranking follows a new fit for customers who do not buy. A customer who stays in its segments but
 * whose figures there changed (a new model's predicted CLV) gets its membership rewritten in the same kind of
 * transaction, with the totals' difference and no event, so that the per-segment averages follow the new model
 * too; a customer whose snapshot alone changed gets one conditional update of its state and nothing else. The others cost
 * their scan read and nothing else. The same scan picks up outbox items a failed publication left behind and
 * publishes them.
 *
 * <p>Parallel scan segments, each worker holding one page at a time: memory stays bounded whatever the number of
 * customers. A customer the recalculation writes meanwhile fails this pass's version condition and is left to it:
 * every state the recalculation writes is assigned with the latest boundaries anyway.
 */
public final class SegmentReassignment {

    /**
     * What one pass did.
     *
     * @param moved     customers whose segments changed (their write also refreshed their prediction, if needed)
     * @param unchanged customers the pass wrote nothing for
     * @param refreshed customers whose segments did not change but whose prediction snapshot, ranking attributes
     *                  or membership figures did: a conditional update of the state alone, or, when the figures
     *                  the segment totals sum changed, a transaction with the totals' difference
     * @param failed customers whose write failed (throttling, a timeout): not reassigned today, the next pass or
     *               their next purchase does it; a write whose outcome is unknown either happened whole (its outbox
     *               is published by the next pass) or not at all, so the totals stay exact either way
     */
    public record Result(long scanned, long moved, long unchanged, long skippedConcurrent, long events,
                         long outboxRepublished, long failed, long refreshed) {

        public static final Result NONE = new Result(0, 0, 0, 0, 0, 0, 0, 0);

        /** Two workers' counts together. */
        public Result plus(Result o) {
            return new Result(scanned + o.scanned, moved + o.moved, unchanged + o.unchanged,
                    skippedConcurrent + o.skippedConcurrent, events + o.events, outboxRepublished + o.outboxRepublished,
                    failed + o.failed, refreshed + o.refreshed);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final LtvConfig config;
    private final RankingAttributes rankings;
    private final SegmentAssigner assigner;
    private final SegmentOutbox outbox;
    private final Clock clock;
    private final int scanSegments;

    public SegmentReassignment(DynamoDbClient dynamo, LtvConfig config, SegmentAssigner assigner, SegmentOutbox outbox,
                               Clock clock, int scanSegments) {
        this.dynamo = dynamo;
        this.table = config.ltvTable();
        this.config = config;
        this.rankings = new RankingAttributes(config.ltvParameters(), config.baseCurrency());
        this.assigner = assigner;
        this.outbox = outbox;
        this.clock = clock;
        this.scanSegments = scanSegments;
    }

    /** Reassigns every customer under {@code model}'s boundaries as of {@code today}; nothing without boundaries. */
    public Result run(StoredModel model, LocalDate today) {
        if (model == null || model.boundaries().isEmpty()) {
            return new Result(0, 0, 0, 0, 0, 0, 0, 0);
        }
        AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong(), new AtomicLong(), new AtomicLong()};
        ExecutorService pool = Executors.newFixedThreadPool(scanSegments);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int segment = 0; segment < scanSegments; segment++) {
                int current = segment;
                workers.add(CompletableFuture.runAsync(() -> scanSegment(current, scanSegments, model, today, counts), pool));
            }
            try {
                CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } finally {
            pool.shutdown();
        }
        return new Result(counts[0].get(), counts[1].get(), counts[2].get(), counts[3].get(), counts[4].get(),
                counts[5].get(), counts[6].get(), counts[7].get());
    }

    /** One scan segment of {@code segments}, as one worker of the daily pass's state machine reassigns it. */
    public Result runSegment(StoredModel model, LocalDate today, int segment, int segments) {
        if (model == null || model.boundaries().isEmpty()) {
            return new Result(0, 0, 0, 0, 0, 0, 0, 0);
        }
        AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong(), new AtomicLong(), new AtomicLong()};
        scanSegment(segment, segments, model, today, counts);
        return new Result(counts[0].get(), counts[1].get(), counts[2].get(), counts[3].get(), counts[4].get(),
                counts[5].get(), counts[6].get(), counts[7].get());
    }

    private void scanSegment(int segment, int segments, StoredModel model, LocalDate today, AtomicLong[] counts) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            var page = dynamo.scan(request -> request.tableName(table)
                    .segment(segment).totalSegments(segments)
                    .filterExpression("#sk = :state OR begins_with(#sk, :outbox)")
                    .expressionAttributeNames(Map.of("#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":state", AttributeValue.fromS(Keys.STATE),
                            ":outbox", AttributeValue.fromS(SegmentWrites.OUTBOX_PREFIX)))
                    .exclusiveStartKey(exclusiveStart));
            List<Runnable> work = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                if (item.get(Keys.SK).s().startsWith(SegmentWrites.OUTBOX_PREFIX)) {
                    work.add(() -> counts[5].addAndGet(outbox.republish(Keys.customerIdOf(item.get(Keys.PK).s()))));
                    continue;
                }
                counts[0].incrementAndGet();
                work.add(() -> reassign(item, StateStore.stateOf(item), model, today, counts));
            }
            writeConcurrently(work);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void reassign(Map<String, AttributeValue> item, CustomerState state, StoredModel model, LocalDate today,
                          AtomicLong[] counts) {
        SegmentMembership before = state.segments();
        SegmentMembership after = assigner.assign(state, Optional.of(model), today);
        Map<String, AttributeValue> derived = refreshedDerived(item, state, model, today);
        boolean sameSegments = sameSegments(before, after);
        if (sameSegments && sameFigures(before, after)) {
            if (derived == null) {
                counts[2].incrementAndGet();
                return;
            }
            refreshOnly(state, derived, counts);
            return;
        }
        // Same segments but other figures (a new model's predicted CLV): the membership is rewritten with the
        // totals' difference in one transaction, or GET /segments would average the figures of the last move.
        String seed = "reassign:" + model.version() + ":" + today + ":" + state.version();
        SegmentWrites.Planned planned = SegmentWrites.plan(table, state.customerId(), before, after, seed,
                clock.instant(), outbox.enabled());
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(stateUpdate(state, planned.stateAttributes(), derived)).build());
        items.addAll(planned.items());
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    dynamo.transactWriteItems(request -> request.transactItems(items));
                    break;
                } catch (TransactionCanceledException e) {
                    // a conflict on the shared totals shard is passing; anything else means the state moved on
                    if (!onlyConflicts(e) || attempt + 1 >= CONFLICT_ATTEMPTS) {
                        throw e;
                    }
                    Backoff.BACKGROUND.pause(attempt);
                }
            }
        } catch (TransactionCanceledException e) {
            counts[3].incrementAndGet(); // written meanwhile by the recalculation, which assigned it itself
            return;
        } catch (DynamoDbException | SdkClientException e) {
            counts[6].incrementAndGet(); // one customer's failure does not stop the pass (see Result.failed)
            System.err.println("WARN segments of customer " + state.customerId() + " not reassigned today: " + e);
            return;
        }
        counts[sameSegments ? 7 : 1].incrementAndGet();
        counts[4].addAndGet(planned.events().size());
        try {
            outbox.publishCommitted(planned);
        } catch (RuntimeException e) {
            // the outbox keeps them: the next pass publishes them (its scan reads outbox items too)
            System.err.println("WARN segment events of customer " + state.customerId() + " stay in the outbox: " + e);
        }
    }

    /**
     * A page's customers are written {@value #WRITERS} at a time: each write waits for its round trip, so one thread
     * per worker would refresh a few hundred thousand customers in Lambda's 15 minutes, not the page's share of
     * millions. The page is finished before the next is read, so memory stays one page.
     */
    static final int WRITERS = 8;

    private static void writeConcurrently(List<Runnable> work) {
        if (work.isEmpty()) {
            return;
        }
        ExecutorService writers = Executors.newFixedThreadPool(Math.min(WRITERS, work.size()));
        try {
            CompletableFuture.allOf(work.stream().map(w -> CompletableFuture.runAsync(w, writers))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            writers.shutdown();
        }
    }

    /**
     * Every customer's transaction also adds to one of 64 segment-totals shards, which the recalculation's
     * transactions write too: a conflict there is tried again, with backoff, a few times.
     */
    static final int CONFLICT_ATTEMPTS = 5;

    static boolean onlyConflicts(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        boolean conflict = false;
        for (var reason : e.cancellationReasons()) {
            if ("TransactionConflict".equals(reason.code())) {
                conflict = true;
            } else if (reason.code() != null && !"None".equals(reason.code())) {
                return false;
            }
        }
        return conflict;
    }

    /** Only the prediction snapshot or ranking attributes changed: one conditional update, no transaction. */
    private void refreshOnly(CustomerState state, Map<String, AttributeValue> derived, AtomicLong[] counts) {
        try {
            Update update = stateUpdate(state, null, derived);
            dynamo.updateItem(request -> request.tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
        } catch (ConditionalCheckFailedException e) {
            counts[3].incrementAndGet(); // written meanwhile by the recalculation, which wrote its own snapshot
            return;
        } catch (DynamoDbException | SdkClientException e) {
            counts[6].incrementAndGet();
            System.err.println("WARN prediction of customer " + state.customerId() + " not refreshed today: " + e);
            return;
        }
        counts[7].incrementAndGet();
    }

    /**
     * The prediction snapshot and ranking attributes {@code state} should carry under {@code model} as of
     * {@code today} (a name mapped to null: to be removed), or null when the stored ones already say the same: same
     * model version and figures (the day a snapshot was made alone is no reason to write).
     */
    private Map<String, AttributeValue> refreshedDerived(Map<String, AttributeValue> item, CustomerState state,
                                                         StoredModel model, LocalDate today) {
        Map<String, AttributeValue> fresh = new HashMap<>();
        try {
            fresh.putAll(PredictionSnapshot.of(state, Optional.of(model), today, config));
        } catch (RuntimeException e) {
            // as in the recalculation, a prediction that fails leaves the stored snapshot as it is
            System.err.println("WARN prediction snapshot not refreshed for customer " + state.customerId() + ": " + e);
            for (String name : PredictionSnapshot.ATTRIBUTES) {
                if (item.containsKey(name)) {
                    fresh.put(name, item.get(name));
                }
            }
        }
        fresh.putAll(rankings.of(state, PredictionSnapshot.predictedClv(fresh)));
        List<String> compared = new ArrayList<>(PredictionSnapshot.FIGURES);
        compared.addAll(RankingAttributes.attributeNames());
        boolean same = true;
        for (String name : compared) {
            same &= sameValue(item.get(name), fresh.get(name));
        }
        if (same) {
            return null;
        }
        Map<String, AttributeValue> derived = new HashMap<>();
        PredictionSnapshot.ATTRIBUTES.forEach(name -> derived.put(name, fresh.get(name)));
        RankingAttributes.attributeNames().forEach(name -> derived.put(name, fresh.get(name)));
        return derived;
    }

    /** Numbers compare by value: DynamoDB gives back 1.5 for a stored 1.50. */
    static boolean sameValue(AttributeValue stored, AttributeValue fresh) {
        if (stored == null || fresh == null) {
            return stored == fresh;
        }
        if (stored.n() != null && fresh.n() != null) {
            return new BigDecimal(stored.n()).compareTo(new BigDecimal(fresh.n())) == 0;
        }
        return stored.equals(fresh);
    }

    /** Same ids and scores: nothing a reader of the customer or of a segment would see has moved. */
    static boolean sameSegments(SegmentMembership before, SegmentMembership after) {
        if (before == null || after == null) {
            return before == after;
        }
        return before.ids().equals(after.ids()) && before.recencyScore() == after.recencyScore()
                && before.frequencyScore() == after.frequencyScore() && before.monetaryScore() == after.monetaryScore();
    }

    /** The figures a membership adds to its segments' totals: any difference must reach the totals. */
    static boolean sameFigures(SegmentMembership before, SegmentMembership after) {
        if (before == null || after == null) {
            return before == after;
        }
        return before.revenue().compareTo(after.revenue()) == 0 && before.ltv().compareTo(after.ltv()) == 0
                && (before.predictedClv() == null ? after.predictedClv() == null
                : after.predictedClv() != null && before.predictedClv().compareTo(after.predictedClv()) == 0);
    }

    /**
     * Sets (or removes) every membership attribute (when {@code segments} is given) and every prediction and ranking
     * attribute (when {@code derived} is given), and moves the version on, on the condition that the version is the
     * one scanned: a recalculation that read the state before this write then fails its own condition and
     * recomputes, so neither subtracts a membership the other replaced nor overwrites the other's snapshot.
     */
    private Update stateUpdate(CustomerState state, Map<String, AttributeValue> segments,
                               Map<String, AttributeValue> derived) {
        StringBuilder set = new StringBuilder("SET #version = :next");
        StringBuilder remove = new StringBuilder();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#version", "version");
        values.put(":next", AttributeValue.fromN(Long.toString(state.version() + 1)));
        values.put(":read", AttributeValue.fromN(Long.toString(state.version())));
        Map<String, AttributeValue> attributes = new HashMap<>();
        List<String> managed = new ArrayList<>();
        if (segments != null) {
            managed.addAll(SegmentItems.attributeNames());
            attributes.putAll(segments);
        }
        if (derived != null) {
            managed.addAll(derived.keySet());
            derived.forEach((name, value) -> {
                if (value != null) {
                    attributes.put(name, value);
                }
            });
        }
        int i = 0;
        for (String name : managed) {
            names.put("#m" + i, name);
            AttributeValue value = attributes.get(name);
            if (value != null) {
                set.append(", #m").append(i).append(" = :m").append(i);
                values.put(":m" + i, value);
            } else {
                remove.append(remove.isEmpty() ? " REMOVE " : ", ").append("#m").append(i);
            }
            i++;
        }
        return Update.builder().tableName(table)
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.customer(state.customerId())),
                        Keys.SK, AttributeValue.fromS(Keys.STATE)))
                .updateExpression(set + remove.toString())
                .conditionExpression("#version = :read")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }
}
