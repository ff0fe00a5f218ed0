package dev.ltv.state;

import dev.ltv.api.ServiceBusyException;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.store.Backoff;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads customer state, day totals and company totals from the LTV table. */
public final class StateStore {

    private static final int BATCH_GET_LIMIT = 100;
    /** Unprocessed keys mean throttling: retried with backoff, but not for ever. */
    private static final int MAX_UNPROCESSED_ROUNDS = 8;
    private static final String FIRST_POSSIBLE_DAY = Keys.day(LocalDate.of(1, 1, 1));
    private static final String LAST_POSSIBLE_DAY = Keys.day(LocalDate.of(9999, 12, 31));

    private final DynamoDbClient dynamo;
    private final String table;
    private final CapacityMeter meter;

    public StateStore(DynamoDbClient dynamo, String table, CapacityMeter meter) {
        this.dynamo = dynamo;
        this.table = table;
        this.meter = meter;
    }

    /** A state item as read by a scan of one's own (the daily segment reassignment). */
    public static CustomerState stateOf(Map<String, AttributeValue> item) {
        return StateItems.stateFrom(item);
    }

    public String table() {
        return table;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    CapacityMeter meter() {
        return meter;
    }

    public Optional<CustomerState> readState(String customerId, boolean consistent) {
        var response = dynamo.getItem(request -> request.tableName(table).key(StateItems.stateKey(customerId))
                .consistentRead(consistent).returnConsumedCapacity(meter.mode()));
        meter.read(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(StateItems.stateFrom(response.item()))
                : Optional.empty();
    }

    /** The stored totals of these days; days without an item are absent from the map. */
    public Map<LocalDate, DayTotal> readDays(String customerId, Set<LocalDate> days) {
        Map<LocalDate, DayTotal> result = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (LocalDate day : days) {
            keys.add(StateItems.dayKey(customerId, day));
        }
        for (Map<String, AttributeValue> item : batchGet(keys, true)) {
            DayTotal day = StateItems.dayFrom(item);
            result.put(day.day(), day);
        }
        return result;
    }

    /**
     * Several customers' states in one request per 100 customers (consistent reads); customers without a
     * state item are absent from the map.
     */
    public Map<String, CustomerState> readStates(java.util.Collection<String> customerIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String customerId : customerIds) {
            keys.add(StateItems.stateKey(customerId));
        }
        Map<String, CustomerState> states = new HashMap<>();
        for (Map<String, AttributeValue> item : batchGet(keys, true)) {
            CustomerState state = StateItems.stateFrom(item);
            states.put(state.customerId(), state);
        }
        return states;
    }

    /** Several customers' days at once (one request per 100 keys); days without an item are absent. */
    public Map<String, Map<LocalDate, DayTotal>> readDays(Map<String, Set<LocalDate>> daysByCustomer) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, Map<LocalDate, DayTotal>> result = new HashMap<>();
        daysByCustomer.forEach((customerId, days) -> {
            result.put(customerId, new HashMap<>());
            days.forEach(day -> keys.add(StateItems.dayKey(customerId, day)));
        });
        for (Map<String, AttributeValue> item : batchGet(keys, true)) {
            DayTotal day = StateItems.dayFrom(item);
            result.get(Keys.customerIdOf(item.get(Keys.PK).s())).put(day.day(), day);
        }
        return result;
    }

    /** Which of these stream records already have their "applied" marker. */
    public Set<String> appliedEventIds(String customerId, List<String> eventIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String eventId : eventIds) {
            keys.add(StateItems.key(Keys.customer(customerId), Keys.applied(eventId)));
        }
        Set<String> applied = new java.util.HashSet<>();
        for (Map<String, AttributeValue> item : batchGet(keys, true)) {
            applied.add(item.get(Keys.SK).s().substring(Keys.APPLIED_PREFIX.length()));
        }
        return applied;
    }

    /** Every day item of a customer, oldest first (the repair path and tests; O(history)). */
    public List<DayTotal> readAllDays(String customerId) {
        List<DayTotal> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(dayRange(customerId, FIRST_POSSIBLE_DAY, LAST_POSSIBLE_DAY, true, start, 500));
            meter.read(page.consumedCapacity());
            page.items().forEach(item -> days.add(StateItems.dayFrom(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return days;
    }

    /** A customer's day items from {@code from} to {@code to} (inclusive), oldest first: O(days in the range). */
    public List<DayTotal> readDays(String customerId, LocalDate from, LocalDate to) {
        List<DayTotal> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(dayRange(customerId, Keys.day(from), Keys.day(to), true, start, 500));
            meter.read(page.consumedCapacity());
            page.items().forEach(item -> days.add(StateItems.dayFrom(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return days;
    }

    /**
     * Every customer's state, read by a parallel scan of the LTV table that keeps only state items. A daily
     * scan costs less than an index maintained on every purchase (an index write per state update).
     */
    public void scanStates(int segments, java.util.function.Consumer<CustomerState> consumer) {
        java.util.List<java.util.concurrent.CompletableFuture<Void>> scans = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(segments);
        try {
            for (int segment = 0; segment < segments; segment++) {
                int current = segment;
                scans.add(java.util.concurrent.CompletableFuture.runAsync(() -> scanSegment(current, segments, consumer), pool));
            }
            try {
                java.util.concurrent.CompletableFuture.allOf(scans.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                // the segment's own failure (e.g. throttling), so callers map it as they would a direct call
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One segment of that scan: what one worker of the daily pass reads (each an invocation of its own). */
    public void scanSegment(int segment, int segments, java.util.function.Consumer<CustomerState> consumer) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            var page = dynamo.scan(request -> request.tableName(table)
                    .segment(segment).totalSegments(segments)
                    .filterExpression("#sk = :state")
                    .expressionAttributeNames(Map.of("#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":state", AttributeValue.fromS(Keys.STATE)))
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(meter.mode()));
            meter.read(page.consumedCapacity());
            for (Map<String, AttributeValue> item : page.items()) {
                CustomerState state = StateItems.stateFrom(item);
                synchronized (consumer) {
                    consumer.accept(state);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    public CompanyTotals readCompanyTotals() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < Keys.COMPANY_SHARDS; shard++) {
            keys.add(StateItems.companyKey(shard));
        }
        CompanyTotals totals = CompanyTotals.EMPTY;
        for (Map<String, AttributeValue> item : batchGet(keys, false)) {
            totals = totals.plus(StateItems.companyFrom(item));
        }
        return totals;
    }

    /** Finds the purchase days next to a boundary by reading day items outward from it, a page at a time. */
    public DayIndex dayIndex(String customerId) {
        return new DayIndex() {
            @Override
            public Optional<DayTotal> firstPurchaseDayAfter(LocalDate day, Set<LocalDate> skip) {
                return nearest(customerId, Keys.day(day.plusDays(1)), LAST_POSSIBLE_DAY, true, skip);
            }

            @Override
            public Optional<DayTotal> lastPurchaseDayBefore(LocalDate day, Set<LocalDate> skip) {
                return nearest(customerId, FIRST_POSSIBLE_DAY, Keys.day(day.minusDays(1)), false, skip);
            }
        };
    }

    private Optional<DayTotal> nearest(String customerId, String from, String to, boolean forward, Set<LocalDate> skip) {
        Map<String, AttributeValue> start = null;
        // Small first page: the neighbour is almost always the next item; days with refunds only are rare.
        int pageSize = skip.size() + 2;
        do {
            QueryResponse page = dynamo.query(dayRange(customerId, from, to, forward, start, pageSize));
            meter.read(page.consumedCapacity());
            for (Map<String, AttributeValue> item : page.items()) {
                DayTotal day = StateItems.dayFrom(item);
                if (day.isPurchaseDay() && !skip.contains(day.day())) {
                    return Optional.of(day);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pageSize = Math.min(pageSize * 4, 500);
        } while (start != null);
        return Optional.empty();
    }

    private QueryRequest dayRange(String customerId, String from, String to, boolean forward,
                                  Map<String, AttributeValue> start, int limit) {
        return QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(Keys.customer(customerId)),
                        ":from", AttributeValue.fromS(from),
                        ":to", AttributeValue.fromS(to)))
                .scanIndexForward(forward)
                .consistentRead(true)
                .exclusiveStartKey(start)
                .limit(limit)
                .returnConsumedCapacity(meter.mode())
                .build();
    }

    /** One request per 100 keys, unprocessed keys retried with backoff (package-private for the period reads). */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(from + BATCH_GET_LIMIT, keys.size()));
            int attempt = 0;
            while (!pending.isEmpty()) {
                KeysAndAttributes request = KeysAndAttributes.builder().keys(pending).consistentRead(consistent).build();
                BatchGetItemResponse response = dynamo.batchGetItem(builder -> builder
                        .requestItems(Map.of(table, request)).returnConsumedCapacity(meter.mode()));
                meter.read(response.consumedCapacity());
                items.addAll(response.responses().getOrDefault(table, List.of()));
                KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                pending = unprocessed == null ? List.of() : unprocessed.keys();
                if (!pending.isEmpty()) {
                    if (attempt >= MAX_UNPROCESSED_ROUNDS) {
                        throw new ServiceBusyException("DynamoDB kept " + pending.size() + " keys of a batch read unprocessed");
                    }
                    Backoff.BACKGROUND.pause(attempt++);
                }
            }
        }
        return items;
    }

}
