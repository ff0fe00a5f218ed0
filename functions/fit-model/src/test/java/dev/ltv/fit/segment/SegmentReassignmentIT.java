package dev.ltv.fit.segment;

import dev.ltv.config.LtvConfig;
import dev.ltv.fit.FitTestAccess;
import dev.ltv.model.ModelStore;
import dev.ltv.model.PredictiveLtv;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.predict.Transaction;
import dev.ltv.rank.RankKeys;
import dev.ltv.rank.RankOrder;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.dynamodblocal.EventBridgeStandIn;
import dev.ltv.segment.store.EventBridgeSegmentEvents;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentChange;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentOutbox;
import dev.ltv.segment.store.SegmentTotals;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import dev.ltv.store.Keys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reassignment's events are at least once too: a publication that fails after the commit leaves the outbox,
 * and the next pass (whose scan reads outbox items) publishes them with the same ids; customers it does not move
 * cost no write.
 */
class SegmentReassignmentIT {

    @Test
    void eventsAPassCouldNotPublishGoOutWithTheNextPass() throws Exception {
        LtvConfig config = FitTestAccess.config("reassign");
        DynamoDbClient dynamo = FitTestAccess.dynamo();
        LocalDate today = LocalDate.of(2026, 11, 30);
        StoredModel model = twelveCustomersAndAModel(config, dynamo, today);

        List<SegmentChange> published = new CopyOnWriteArrayList<>();
        AtomicBoolean busDown = new AtomicBoolean(true);
        SegmentEventSink sink = events -> {
            if (busDown.get()) {
                throw new IllegalStateException("the bus is unavailable (injected)");
            }
            published.addAll(events);
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T05:00:00Z"), ZoneOffset.UTC);
        SegmentReassignment pass = new SegmentReassignment(dynamo, config, new SegmentAssigner(config),
                new SegmentOutbox(dynamo, config.ltvTable(), sink), clock, 3);

        SegmentReassignment.Result first = pass.run(model, today);
        assertEquals(12, first.scanned());
        assertEquals(12, first.moved(), "everyone enters its segments");
        assertTrue(published.isEmpty());
        assertEquals(12, outboxItems(dynamo, config).size(), "committed, not yet published");

        busDown.set(false);
        SegmentReassignment.Result second = pass.run(model, today);
        assertEquals(0, second.moved(), "the same day, the same boundaries: nobody moves, nothing is written");
        assertEquals(12, second.unchanged());
        assertEquals(0, second.refreshed(), "the same model, the same day: the predictions stand");
        assertEquals(first.events(), second.outboxRepublished());
        assertEquals(first.events(), published.size());
        Set<String> ids = new HashSet<>();
        published.forEach(e -> ids.add(e.eventId()));
        assertEquals(published.size(), ids.size(), "each event once");
        assertTrue(outboxItems(dynamo, config).isEmpty());

        // forty days later the recent buyers are no longer recent: only they move
        SegmentReassignment.Result later = pass.run(model, today.plusDays(40));
        assertTrue(later.moved() > 0 && later.moved() < 12, later.toString());
        assertEquals(12, later.moved() + later.refreshed() + later.unchanged(), later.toString());
    }

    /** Twelve customers, one purchase each, ten days apart, and a model whose boundaries spread them. */
    private static StoredModel twelveCustomersAndAModel(LtvConfig config, DynamoDbClient dynamo, LocalDate today)
            throws Exception {
        List<Transaction> transactions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            transactions.add(new Transaction("r-" + i, today.minusDays(10L * i + 1), new BigDecimal(20 + 7 * i)));
        }
        FitTestAccess.writeStates(config, transactions);
        return new ModelStore(dynamo, config.ltvTable()).save(new ClvModel(
                new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), today.minusDays(1)), 946,
                Instant.parse("2026-11-30T03:00:00Z"), new SegmentBoundaries(Cuts.of(20, 40, 60, 80), Cuts.of(1, 1, 1, 1),
                        Cuts.of(30, 50, 70, 90), Cuts.of(100, 200, 300), Cuts.of(5, 20, 60), 12, today));
    }

    /**
     * The sink the deployed function uses, through the real SDK client to a loopback stand-in of EventBridge: the
     * entries a rule on the stack's bus receives, and the request the permission check evaluates against the role.
     */
    @Test
    void onAwsThePassPublishesItsMovesToTheStacksEventBus() throws Exception {
        LtvConfig config = FitTestAccess.config("reassign-bus");
        DynamoDbClient dynamo = FitTestAccess.dynamo();
        LocalDate today = LocalDate.of(2026, 11, 30);
        StoredModel model = twelveCustomersAndAModel(config, dynamo, today);
        // named as the tests name resources (prefix-LogicalId), so the permission check maps it to SegmentEventBus
        String bus = "test-SegmentEventBus";
        try (EventBridgeStandIn eventBridge = EventBridgeStandIn.accepting();
             EventBridgeClient client = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .endpointOverride(eventBridge.endpoint()).build()) {
            SegmentReassignment pass = new SegmentReassignment(dynamo, config, new SegmentAssigner(config),
                    new SegmentOutbox(dynamo, config.ltvTable(), new EventBridgeSegmentEvents(client, bus)),
                    Clock.fixed(Instant.parse("2026-11-30T05:00:00Z"), ZoneOffset.UTC), 3);
            SegmentReassignment.Result result = pass.run(model, today);

            List<com.fasterxml.jackson.databind.JsonNode> entries = eventBridge.entries();
            assertEquals(12, result.moved(), "everyone enters its segments");
            assertEquals(result.events(), entries.size(), entries.toString());
            Set<String> ids = new HashSet<>();
            for (var entry : entries) {
                assertEquals(bus, entry.path("EventBusName").asText());
                assertEquals("ltv", entry.path("Source").asText());
                assertEquals("CustomerSegmentChanged", entry.path("DetailType").asText());
                var detail = EventBridgeStandIn.detail(entry);
                ids.add(detail.path("eventId").asText());
                CustomerState state = new StateStore(dynamo, config.ltvTable(), dev.ltv.state.CapacityMeter.OFF)
                        .readState(detail.path("customerId").asText(), true).orElseThrow();
                assertEquals(state.segments().idOf(detail.path("dimension").asText()), detail.path("newSegment").asText(),
                        detail.toString());
            }
            assertEquals(entries.size(), ids.size(), "each event once");
            assertTrue(outboxItems(dynamo, config).isEmpty(), "published events leave no outbox item");
        }
    }

    @Test
    void afterEachFitEveryCustomersPredictionAndRankingFollowTheNewModelAsOfThePassDay() throws Exception {
        LtvConfig config = FitTestAccess.config("refresh");
        DynamoDbClient dynamo = FitTestAccess.dynamo();
        LocalDate today = LocalDate.of(2026, 11, 30);
        List<Transaction> transactions = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            for (int k = 0; k <= i % 4; k++) { // one to four purchases each: repeat and one-time customers
                transactions.add(new Transaction("p-" + i, today.minusDays(9L * i + 30L * k + 1),
                        new BigDecimal(15 + 11 * i + 3 * k)));
            }
        }
        FitTestAccess.writeStates(config, transactions);
        ModelStore models = new ModelStore(dynamo, config.ltvTable());
        SegmentBoundaries boundaries = new SegmentBoundaries(Cuts.of(20, 40, 60, 80), Cuts.of(1, 1, 1, 1),
                Cuts.of(30, 50, 70, 90), Cuts.of(100, 200, 300), Cuts.of(5, 20, 60), 15, today);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T05:00:00Z"), ZoneOffset.UTC);
        SegmentReassignment pass = new SegmentReassignment(dynamo, config, new SegmentAssigner(config),
                new SegmentOutbox(dynamo, config.ltvTable(), events -> { }), clock, 3);

        models.save(new ClvModel(
                new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), today.minusDays(1)), 946,
                Instant.parse("2026-11-30T03:00:00Z"), boundaries);
        SegmentReassignment.Result first = pass.run(models.latest().orElseThrow(), today);
        assertEquals(15, first.moved() + first.refreshed(), "no customer had a prediction yet: " + first);
        assertSnapshotsFollow(config, dynamo, models.latest().orElseThrow(), today, 15);

        // the next day's fit: other parameters, a new version; nobody bought meanwhile
        LocalDate tomorrow = today.plusDays(1);
        models.save(new ClvModel(
                new BgNbdFit(new BgNbdParameters(0.5, 9.0, 0.4, 3.1, TimeUnit.WEEKS), -9000.0, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(4.1, 2.9, 30.2), 0, 946, 0), today), 946,
                Instant.parse("2026-12-01T03:00:00Z"), boundaries);
        StoredModel second = models.latest().orElseThrow();
        SegmentReassignment.Result refreshed = pass.run(second, tomorrow);
        assertEquals(15, refreshed.moved() + refreshed.refreshed(), "a new version: every snapshot is rewritten: " + refreshed);
        assertEquals(0, refreshed.failed());
        assertSnapshotsFollow(config, dynamo, second, tomorrow, 15);
        assertSegmentTotalsFollow(config, dynamo, second, tomorrow);

        SegmentReassignment.Result again = pass.run(second, tomorrow);
        assertEquals(15, again.unchanged(), "the same model, the same day: nothing is written: " + again);
    }

    /**
     * Every state's snapshot is the prediction this test computes from the stored model (read back) and the stored
     * state as of {@code day}, and the predicted CLV ranking index holds exactly these customers under that figure.
     */
    private static void assertSnapshotsFollow(LtvConfig config, DynamoDbClient dynamo, StoredModel model, LocalDate day,
                                              int customers) {
        StoredModel stored = new ModelStore(dynamo, config.ltvTable()).version(model.version()).orElseThrow();
        Map<String, BigDecimal> expected = new TreeMap<>();
        List<Map<String, AttributeValue>> states = dynamo.scan(r -> r.tableName(config.ltvTable())
                .filterExpression("sk = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(Keys.STATE))))
                .items();
        assertEquals(customers, states.size());
        for (Map<String, AttributeValue> item : states) {
            CustomerState state = StateStore.stateOf(item);
            PredictiveLtv prediction = PredictiveLtv.forCustomer(state, Optional.of(stored), day,
                    config.clvSettings(config.ltvParameters().grossMargin()), config.baseCurrency());
            assertEquals(PredictiveLtv.OK, prediction.status(), state.customerId());
            expected.put(state.customerId(), prediction.clv());
            assertEquals(0, prediction.clv().compareTo(new BigDecimal(item.get("predictedClv").n())), state.customerId());
            assertEquals(0, prediction.probabilityAlive().compareTo(new BigDecimal(item.get("probabilityAlive").n())));
            assertEquals(Long.toString(model.version()), item.get("modelVersion").n());
            assertEquals(day.toString(), item.get("predictedAsOf").s());
        }
        assertTrue(new HashSet<>(expected.values()).size() > 1, "figures that tell customers apart: " + expected);
        Map<String, String> indexed = new TreeMap<>();
        for (int shard = 0; shard < RankKeys.SHARDS; shard++) {
            String key = RankKeys.shard(shard);
            dynamo.queryPaginator(r -> r.tableName(config.ltvTable()).indexName(RankOrder.PREDICTED_CLV.indexName())
                            .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", RankKeys.SHARD))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(key))))
                    .items().forEach(item -> indexed.put(Keys.customerIdOf(item.get(Keys.PK).s()),
                            item.get(RankOrder.PREDICTED_CLV.sortKeyAttribute()).s()));
        }
        Map<String, String> expectedKeys = new TreeMap<>();
        expected.forEach((id, clv) -> expectedKeys.put(id, RankKeys.sortKey(clv, config.baseCurrency(), id)));
        assertEquals(expectedKeys, indexed);
    }

    /**
     * Every segment's predicted CLV sum and count (what GET /segments averages) are those of its members' predictions
     * under {@code model} as of {@code day}, computed here from each stored state, also for the customers the new
     * model left in their segments.
     */
    private static void assertSegmentTotalsFollow(LtvConfig config, DynamoDbClient dynamo, StoredModel model,
                                                  LocalDate day) {
        StoredModel stored = new ModelStore(dynamo, config.ltvTable()).version(model.version()).orElseThrow();
        Map<String, BigDecimal> sums = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        new StateStore(dynamo, config.ltvTable(), dev.ltv.state.CapacityMeter.OFF).scanStates(1, state -> {
            BigDecimal clv = PredictiveLtv.forCustomer(state, Optional.of(stored), day,
                    config.clvSettings(config.ltvParameters().grossMargin()), config.baseCurrency()).clv();
            for (String id : state.segments().ids()) {
                sums.merge(id, clv, BigDecimal::add);
                counts.merge(id, 1L, Long::sum);
            }
        });
        Map<String, SegmentTotals.Figures> totals = SegmentTotals.read(dynamo, config.ltvTable(), true);
        sums.forEach((id, sum) -> {
            assertEquals(counts.get(id), totals.get(id).clvCustomers(), id);
            assertEquals(0, sum.compareTo(totals.get(id).clvSum()), id + ": " + sum + " vs " + totals.get(id).clvSum());
        });
        totals.forEach((id, figures) -> {
            if (!sums.containsKey(id)) {
                assertEquals(0, figures.clvCustomers(), id + " has no member left");
            }
        });
    }

    private static List<Map<String, AttributeValue>> outboxItems(DynamoDbClient dynamo, LtvConfig config) {
        return dynamo.scan(r -> r.tableName(config.ltvTable()).filterExpression("begins_with(sk, :o)")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("OUTBOX#")))).items();
    }
}
