package dev.ltv.state;

import dev.ltv.purchase.Purchase;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.store.SegmentItems;
import dev.ltv.segment.store.SegmentWrites;
import dev.ltv.store.Backoff;
import dev.ltv.store.PurchaseAttributes;
import dev.ltv.store.PurchaseItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The explicit repair path: recomputes a customer from all of its stored purchases (O(history), unlike
 * the stream path) and writes the result, adjusting the company totals by the difference.
 *
 * <p>Run it on a customer whose stream records have all been processed (the event source mapping drained
 * or disabled): a record still in flight was already counted here and would be applied once more.
 */
public final class StateRepair {

    private static final int MAX_TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final String purchasesTable;
    private final StateStore store;
    private final Clock clock;
    private final PeriodStore periods;

    public StateRepair(DynamoDbClient dynamo, String purchasesTable, StateStore store, Clock clock) {
        this.dynamo = dynamo;
        this.purchasesTable = purchasesTable;
        this.store = store;
        this.clock = clock;
        this.periods = new PeriodStore(store);
    }

    /** What the state should be, from the purchases table (consistent reads). */
    public FullState recompute(String customerId) {
        return FullState.fromPurchases(customerId, purchasesOf(customerId), 0, clock.instant());
    }

    /** The outcome of a repair: whether anything was rewritten, and the state as it now is (null: none). */
    public record Repaired(boolean changed, CustomerState state) {
    }

    /**
     * Rewrites the customer's state from its purchases, and moves the company totals by the difference
     * between the stored and the recomputed state. That keeps the totals exact when they agree with the
     * stored state, which the stream path's transactions guarantee; after manual edits of the LTV table,
     * rebuild them with {@link #rewriteCompanyTotals}.
     */
    public Repaired repair(String customerId) {
        for (int attempt = 0; attempt < 8; attempt++) {
            CustomerState storedState = store.readState(customerId, true).orElse(null);
            Map<LocalDate, DayTotal> storedDays = new LinkedHashMap<>();
            store.readAllDays(customerId).forEach(day -> storedDays.put(day.day(), day));
            long version = storedState == null ? 1 : storedState.version() + 1;
            FullState full = FullState.fromPurchases(customerId, purchasesOf(customerId), version, clock.instant());

            Map<LocalDate, DayTotal> daysBefore = new LinkedHashMap<>();
            Map<LocalDate, DayTotal> daysAfter = new LinkedHashMap<>();
            for (LocalDate day : new TreeSet<>(union(storedDays.keySet(), full.days().keySet()))) {
                DayTotal before = storedDays.getOrDefault(day, DayTotal.empty(day));
                DayTotal after = full.days().getOrDefault(day, DayTotal.empty(day));
                if (before.purchases() != after.purchases() || before.spend().compareTo(after.spend()) != 0
                        || !before.channels().equals(after.channels())) {
                    daysBefore.put(day, before);
                    daysAfter.put(day, after);
                }
            }
            boolean stateDiffers = storedState == null ? full.state() != null
                    : full.state() == null || !storedState.sameFiguresAs(full.state());
            // the period items: rewritten with the state, in its final transaction (their company sums are ADDs)
            Map<Integer, CustomerYear> storedYears = periods.readAllYears(customerId);
            Map<Integer, CustomerYear> fullYears = new java.util.TreeMap<>(PeriodWrites.yearsFromDays(full.days().values()));
            storedYears.keySet().forEach(year -> fullYears.putIfAbsent(year, CustomerYear.empty(year)));
            List<TransactWriteItem> periodItems = new ArrayList<>(PeriodWrites.forChange(store.table(), customerId,
                    storedYears, fullYears));
            periodItems.addAll(ChannelWrites.forTransition(store.table(), customerId, storedState, full.state()));
            periodItems.addAll(CohortWrites.forTransition(store.table(), customerId, storedState, full.state(),
                    storedYears, fullYears));
            if (daysAfter.isEmpty() && !stateDiffers && periodItems.isEmpty()) {
                return new Repaired(false, storedState);
            }
            StateTransition transition = new StateTransition(storedState, full.state(), daysBefore, daysAfter);
            // the stored segments stay (the segment totals are their sums; the next write or the daily pass
            // reassigns them); a state the repair deletes takes its segments out of the totals
            SegmentMembership segments = storedState == null ? null : storedState.segments();
            StateAnnotator keep = segments == null ? StateAnnotator.NONE : state -> SegmentItems.toAttributes(segments);
            List<TransactWriteItem> items = new ArrayList<>(StateWrites.forTransition(store.table(), customerId, transition, keep));
            if (items.isEmpty()) {
                // only period items differ: keep the version guard by rewriting the state as it is
                items = new ArrayList<>(StateWrites.forTransition(store.table(), customerId,
                        new StateTransition(storedState, full.state(), Map.of(), Map.of()), keep));
            }
            if (segments != null && full.state() == null) {
                items.addAll(1, SegmentWrites.plan(store.table(), customerId, segments, null, "repair", clock.instant(), false).items());
            }
            try {
                write(customerId, items, periodItems);
                return new Repaired(true, full.state());
            } catch (TransactionCanceledException concurrentWrite) {
                Backoff.BACKGROUND.pause(attempt);
            }
        }
        throw RecalculationException.transientFailure("customer " + customerId + ": repair kept colliding with concurrent updates", null);
    }

    /**
     * Overwrites the company totals with sums the caller computed from every customer's state (e.g. while
     * repairing all of them). Exact only while no stream record is being applied.
     */
    public void rewriteCompanyTotals(java.util.function.IntFunction<dev.ltv.calc.CompanyTotals> shardTotals) {
        for (int shard = 0; shard < dev.ltv.store.Keys.COMPANY_SHARDS; shard++) {
            dev.ltv.calc.CompanyTotals totals = shardTotals.apply(shard);
            Map<String, AttributeValue> item = new java.util.HashMap<>(StateItems.companyKey(shard));
            item.put(StateItems.CUSTOMERS, StateItems.n(totals.customers()));
            item.put(StateItems.REVENUE, StateItems.n(totals.revenue()));
            item.put(StateItems.PURCHASES, StateItems.n(totals.purchases()));
            item.put(StateItems.FREQUENCY_SUM, StateItems.n(totals.frequencySum()));
            dynamo.putItem(request -> request.tableName(store.table()).item(item));
        }
    }

    /**
     * Day items first, in transactions of up to 100 items; the state, company and period items last, in the final
     * transaction guarded by the state's version: if that fails, the next attempt rewrites the days again (the
     * period items go last because their company sums are added, not put).
     */
    private void write(String customerId, List<TransactWriteItem> items, List<TransactWriteItem> finalItems) {
        List<TransactWriteItem> rest = new ArrayList<>(items);
        List<TransactWriteItem> last = new ArrayList<>();
        if (!rest.isEmpty()) {
            last.add(rest.remove(0)); // the state
        }
        if (!rest.isEmpty() && rest.get(rest.size() - 1).update() != null) {
            last.add(rest.remove(rest.size() - 1)); // the company totals
        }
        last.addAll(finalItems);
        if (last.size() > MAX_TRANSACTION_ITEMS) {
            throw RecalculationException.permanent("customer " + customerId
                    + ": too many years of purchases to repair in one transaction", null);
        }
        while (rest.size() + last.size() > MAX_TRANSACTION_ITEMS) {
            List<TransactWriteItem> chunk = new ArrayList<>(rest.subList(0, Math.min(MAX_TRANSACTION_ITEMS, rest.size())));
            rest.subList(0, chunk.size()).clear();
            dynamo.transactWriteItems(request -> request.transactItems(chunk));
        }
        last.addAll(rest);
        dynamo.transactWriteItems(request -> request.transactItems(last));
    }

    private List<Purchase> purchasesOf(String customerId) {
        List<Purchase> purchases = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(request -> request.tableName(purchasesTable)
                    .keyConditionExpression("#customer = :customer")
                    .expressionAttributeNames(Map.of("#customer", PurchaseAttributes.CUSTOMER_ID))
                    .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS(customerId)))
                    .consistentRead(true)
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : page.items()) {
                try {
                    purchases.add(PurchaseItems.fromItem(item));
                } catch (PurchaseItems.MalformedItemException e) {
                    // not a purchase: the stream path counts it as none too (and reported it to the dead-letter queue)
                    System.err.println("WARN customer " + customerId + ": skipping a malformed purchase item: " + e.getMessage());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return purchases;
    }

    private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
        java.util.Set<T> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
