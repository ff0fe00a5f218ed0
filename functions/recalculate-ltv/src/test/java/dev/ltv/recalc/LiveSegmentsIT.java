package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.dynamodblocal.EventBridgeStandIn;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.dynamodblocal.StreamEvents;
import dev.ltv.dynamodblocal.StreamReader;
import dev.ltv.model.ModelStore;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.store.EventBridgeSegmentEvents;
import dev.ltv.segment.store.SegmentChange;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentTotals;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import dev.ltv.store.PurchaseItems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segments kept live by the recalculation, against DynamoDB Local and the purchases table's real stream: a purchase
 * moves its customer's segment within the stream batch that carries it, the per-segment totals follow exactly, and
 * exactly one {@code CustomerSegmentChanged} event (by event id) records each move, also when the batch is
 * delivered again or the publication fails after the commit.
 */
class LiveSegmentsIT {

    /** RFM quintile cuts chosen so that a second purchase moves a new customer from "new" to "potential loyalist". */
    static final SegmentBoundaries BOUNDARIES = new SegmentBoundaries(Cuts.of(7, 30, 90, 365), Cuts.of(1, 2, 3, 5),
            Cuts.of(50, 100, 200, 500), Cuts.of(100, 500, 1000), Cuts.of(5, 20, 60), 1000, LocalDate.now(ZoneOffset.UTC));

    private TestEnvironment env;
    private StateStore store;
    private StreamReader stream;
    private final List<SegmentChange> published = new CopyOnWriteArrayList<>();
    private final List<String> failNextPublish = new CopyOnWriteArrayList<>();
    private RecalculateLtvHandler handler;
    private int nextPurchase = 1;

    @BeforeEach
    void setUp() {
        env = TestEnvironment.create("segments");
        store = new StateStore(env.dynamo().client(), env.config().ltvTable(), CapacityMeter.OFF);
        stream = new StreamReader(env.dynamo().streams(), env.streamArn());
        saveModel(env);
        SegmentEventSink sink = events -> {
            if (!failNextPublish.isEmpty()) {
                failNextPublish.removeFirst();
                throw new IllegalStateException("the event bus is unavailable (injected)");
            }
            published.addAll(events);
        };
        handler = new RecalculateLtvHandler(env.config(), env.dynamo().client(), (record, reason) -> {
            throw new AssertionError("nothing here is unusable: " + reason);
        }, sink);
    }

    static void saveModel(TestEnvironment env) {
        ClvModel model = new ClvModel(new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), LocalDate.now(ZoneOffset.UTC).minusDays(1));
        new ModelStore(env.dynamo().client(), env.config().ltvTable()).save(model, 946, Instant.now(), BOUNDARIES);
    }

    private void purchase(String customer, String amount, LocalDate day) {
        Purchase p = new Purchase(customer, "p-" + nextPurchase++, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD",
                day.atTime(10, 0).atOffset(ZoneOffset.UTC), day, "web", null, null, BigDecimal.ZERO);
        env.dynamo().client().putItem(r -> r.tableName(env.config().purchasesTable()).item(PurchaseItems.toItem(p)));
    }

    private DynamodbEvent newRecords() {
        return StreamEvents.event(stream.readNew().stream()
                .map(record -> StreamEvents.toLambdaRecord(record, stream.streamArn(), LocalDynamoDb.REGION)).toList());
    }

    private SegmentMembership segments(String customer) {
        return store.readState(customer, true).map(CustomerState::segments).orElse(null);
    }

    private List<SegmentChange> eventsOf(String customer, String dimension) {
        return published.stream().filter(e -> e.customerId().equals(customer) && e.dimension().equals(dimension)).toList();
    }

    @Test
    void onePurchaseMovesTheSegmentWithinItsBatchAndOneEventRecordsItAlsoWhenRedelivered() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        purchase("c-1", "40.00", today.minusDays(2));
        purchase("c-2", "700.00", today.minusDays(400));
        assertTrue(handler.handleRequest(newRecords(), null).getBatchItemFailures().isEmpty());

        SegmentMembership first = segments("c-1");
        assertNotNull(first, "a customer gets segments as soon as boundaries exist");
        assertEquals("rfm:new", first.idOf("rfm"), first.toString());
        assertEquals(5, first.recencyScore());
        assertEquals(1, first.frequencyScore());
        assertEquals(1, first.monetaryScore(), "40 is below the first revenue cut, 50");
        assertEquals("ltv:top-50-percent", first.idOf("ltv"), "LTV 40 x 1 a year x 3 years = 120, above the cut 100");
        assertEquals(0, new BigDecimal("120.00").compareTo(first.ltv()));
        assertEquals(1L, first.boundariesVersion());
        assertEquals("rfm:lost", segments("c-2").idOf("rfm"), "400 days ago, once: R1 F1");
        int entered = published.size();
        assertEquals(2 * 4, entered, "both customers entered one segment per dimension: " + published);

        purchase("c-1", "60.00", today);
        DynamodbEvent batch = newRecords();
        assertTrue(handler.handleRequest(batch, null).getBatchItemFailures().isEmpty());
        SegmentMembership second = segments("c-1");
        assertEquals("rfm:potential-loyalist", second.idOf("rfm"), "R5 F2 after the second purchase: " + second);
        List<SegmentChange> moves = eventsOf("c-1", "rfm");
        assertEquals(2, moves.size(), "entered, then moved: " + moves);
        SegmentChange move = moves.getLast();
        assertEquals("rfm:new", move.oldSegment());
        assertEquals("rfm:potential-loyalist", move.newSegment());
        assertEquals(0, second.ltv().compareTo(move.ltv()));
        assertEquals(1L, move.modelVersion());

        // the same batch again (Lambda retries whole batches): no second write, no second event id
        int before = published.size();
        assertTrue(handler.handleRequest(batch, null).getBatchItemFailures().isEmpty());
        assertEquals(before, published.size(), "a redelivery finds nothing left in the outbox: " + published);
        assertEquals(published.size(), published.stream().map(SegmentChange::eventId).distinct().count(),
                "every event id once");
        assertTotalsMatchTheStoredMemberships(List.of("c-1", "c-2"));
        assertTrue(outbox("c-1").isEmpty(), "published events leave no outbox item");
    }

    /**
     * The sink the deployed function uses, through the real SDK client to a loopback stand-in of EventBridge: what a
     * rule on the bus would receive, and the request the permission check evaluates against the function's role.
     */
    @Test
    void onAwsTheMovesGoToTheStacksEventBusAsCustomerSegmentChangedEntries() throws Exception {
        // named as the tests name resources (prefix-LogicalId), so the permission check maps it to SegmentEventBus
        String bus = "test-SegmentEventBus";
        try (EventBridgeStandIn eventBridge = EventBridgeStandIn.accepting();
             EventBridgeClient client = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                     .region(Region.of(LocalDynamoDb.REGION))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .endpointOverride(eventBridge.endpoint()).build()) {
            RecalculateLtvHandler onAws = new RecalculateLtvHandler(env.config(), env.dynamo().client(), (record, reason) -> {
                throw new AssertionError("nothing here is unusable: " + reason);
            }, new EventBridgeSegmentEvents(client, bus));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            purchase("c-9", "40.00", today.minusDays(2));
            assertTrue(onAws.handleRequest(newRecords(), null).getBatchItemFailures().isEmpty());
            purchase("c-9", "60.00", today);
            DynamodbEvent batch = newRecords();
            assertTrue(onAws.handleRequest(batch, null).getBatchItemFailures().isEmpty());
            int published = eventBridge.entries().size();
            assertTrue(onAws.handleRequest(batch, null).getBatchItemFailures().isEmpty(), "redelivered");

            List<JsonNode> entries = eventBridge.entries();
            assertEquals(published, entries.size(), "nothing more on redelivery: " + entries);
            for (JsonNode entry : entries) {
                assertEquals(bus, entry.path("EventBusName").asText());
                assertEquals("ltv", entry.path("Source").asText());
                assertEquals("CustomerSegmentChanged", entry.path("DetailType").asText());
            }
            // the first purchase entered one segment per dimension; the last event of each dimension names the
            // segment stored on the customer's state
            List<JsonNode> details = entries.stream().map(EventBridgeStandIn::detail).toList();
            assertEquals(4, details.stream().filter(d -> d.path("oldSegment").isNull()).count(), details.toString());
            SegmentMembership stored = segments("c-9");
            for (String dimension : List.of("rfm", "ltv", "clv", "churn")) {
                JsonNode last = details.stream().filter(d -> d.path("dimension").asText().equals(dimension)).toList().getLast();
                assertEquals(stored.idOf(dimension), last.path("newSegment").asText(), dimension);
            }
            JsonNode move = details.stream().filter(d -> d.path("dimension").asText().equals("rfm")).toList().getLast();
            assertEquals("c-9", move.path("customerId").asText());
            assertEquals("rfm:new", move.path("oldSegment").asText());
            assertEquals("rfm:potential-loyalist", move.path("newSegment").asText());
            assertEquals(0, stored.ltv().compareTo(move.path("ltv").decimalValue()));
            assertEquals(1L, move.path("modelVersion").asLong());
            assertEquals(entries.size(), entries.stream().map(e -> EventBridgeStandIn.detail(e).path("eventId").asText())
                    .distinct().count(), "every event id once");
            assertTrue(outbox("c-9").isEmpty(), "published events leave no outbox item");
        }
    }

    @Test
    void aPublicationThatFailsAfterTheCommitIsRepeatedByTheRedeliveryWithTheSameEventIds() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        purchase("c-3", "40.00", today.minusDays(1));
        DynamodbEvent batch = newRecords();
        failNextPublish.add("once");
        StreamsEventResponse failed = handler.handleRequest(batch, null);
        assertEquals(1, failed.getBatchItemFailures().size(), "the batch is retried from the customer whose events are pending");
        assertTrue(published.isEmpty(), "nothing went out");
        assertFalse(outbox("c-3").isEmpty(), "the committed change waits in the outbox");
        assertNotNull(segments("c-3"), "the state and its segments are committed");

        assertTrue(handler.handleRequest(batch, null).getBatchItemFailures().isEmpty());
        assertEquals(4, published.size(), "entered one segment per dimension, published once: " + published);
        Set<String> ids = published.stream().map(SegmentChange::eventId).collect(Collectors.toSet());
        assertEquals(4, ids.size());
        assertTrue(outbox("c-3").isEmpty());

        // and the ids are those a first delivery would have given: derived from the record, not from the attempt
        assertTrue(handler.handleRequest(batch, null).getBatchItemFailures().isEmpty());
        assertEquals(4, published.size());
    }

    @Test
    void deletingEveryPurchaseLeavesEverySegmentAndTheTotals() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        purchase("c-4", "40.00", today);
        handler.handleRequest(newRecords(), null);
        assertNotNull(segments("c-4"));
        env.dynamo().client().deleteItem(r -> r.tableName(env.config().purchasesTable()).key(Map.of(
                "customerId", AttributeValue.fromS("c-4"), "purchaseId", AttributeValue.fromS("p-1"))));
        handler.handleRequest(newRecords(), null);
        assertTrue(store.readState("c-4", true).isEmpty());
        List<SegmentChange> left = published.stream().filter(e -> e.newSegment() == null).toList();
        assertEquals(4, left.size(), "left one segment per dimension: " + published);
        SegmentTotals.read(env.dynamo().client(), env.config().ltvTable(), true).forEach((id, figures) -> {
            assertEquals(0, figures.customers(), id);
            assertEquals(0, figures.revenue().signum(), id);
        });
    }

    @Test
    void aRepairKeepsTheStoredSegmentsAndTheirTotals() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        purchase("c-5", "40.00", today.minusDays(3));
        purchase("c-6", "70.00", today.minusDays(5));
        handler.handleRequest(newRecords(), null);
        SegmentMembership kept = segments("c-5");
        // a purchase that never reached the stream path, and a deletion that did not either: the repair finds both
        purchase("c-5", "25.00", today.minusDays(1));
        env.dynamo().client().deleteItem(r -> r.tableName(env.config().purchasesTable()).key(Map.of(
                "customerId", AttributeValue.fromS("c-6"), "purchaseId", AttributeValue.fromS("p-2"))));
        stream.readNew(); // not delivered
        dev.ltv.state.StateRepair repair = new dev.ltv.state.StateRepair(env.dynamo().client(),
                env.config().purchasesTable(), store, java.time.Clock.systemUTC());
        assertTrue(repair.repair("c-5").changed());
        assertTrue(repair.repair("c-6").changed());
        assertEquals(0, new BigDecimal("65.00").compareTo(store.readState("c-5", true).orElseThrow().revenue()));
        assertEquals(kept, segments("c-5"), "the repair leaves the segments as they were assigned");
        assertTrue(store.readState("c-6", true).isEmpty());
        assertTotalsMatchTheStoredMemberships(List.of("c-5"));
    }

    private List<Map<String, AttributeValue>> outbox(String customer) {
        return env.dynamo().client().query(r -> r.tableName(env.config().ltvTable())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :o)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUSTOMER#" + customer),
                        ":o", AttributeValue.fromS("OUTBOX#")))).items();
    }

    /** The totals shards against the sums over the memberships stored on the customers' states. */
    private void assertTotalsMatchTheStoredMemberships(List<String> customers) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, BigDecimal> ltv = new HashMap<>();
        for (String customer : customers) {
            SegmentMembership m = segments(customer);
            for (String id : m.ids()) {
                counts.computeIfAbsent(id, k -> new long[1])[0]++;
                revenue.merge(id, m.revenue(), BigDecimal::add);
                ltv.merge(id, m.ltv(), BigDecimal::add);
            }
        }
        Map<String, SegmentTotals.Figures> totals = SegmentTotals.read(env.dynamo().client(), env.config().ltvTable(), true);
        List<String> nonEmpty = new ArrayList<>();
        totals.forEach((id, figures) -> {
            if (figures.customers() != 0) {
                nonEmpty.add(id);
            }
        });
        assertEquals(new ArrayList<>(counts.keySet()), nonEmpty);
        counts.forEach((id, n) -> {
            assertEquals(n[0], totals.get(id).customers(), id);
            assertEquals(0, revenue.get(id).compareTo(totals.get(id).revenue()), id);
            assertEquals(0, ltv.get(id).compareTo(totals.get(id).ltvSum()), id);
        });
    }
}
