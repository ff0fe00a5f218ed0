package dev.ltv.bench.capacity;

import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.model.CachedModelSource;
import dev.ltv.model.ModelStore;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.store.LiveSegments;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentOutbox;
import dev.ltv.state.StateAnnotator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.PackedRecalculation;
import dev.ltv.state.ReadAhead;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateAnnotator;
import dev.ltv.state.StateRepair;
import dev.ltv.state.StateStore;
import dev.ltv.store.PurchaseItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DynamoDB requests and capacity units that the recalculation spends per purchase, for customers with
 * short and very long histories, measured with ReturnConsumedCapacity against DynamoDB Local (which
 * reports the same units as DynamoDB). The cost must not grow with the history. DynamoDB Local reports no
 * capacity for the ranking indexes, so their writes are counted from the state item before and after each
 * operation, by DynamoDB's rules ({@link IndexWrites}).
 *
 * <p>Usage: {@code java -cp ... dev.ltv.bench.capacity.CapacityBenchmark [history sizes, default 1 100 10000]}
 */
public final class CapacityBenchmark {

    /** One measured operation: requests and capacity units per stream record applied. */
    public record Row(int history, String operation, int records, double requestsPerRecord, double readUnitsPerRecord,
                      double writeUnitsPerRecord, double itemsWrittenPerRecord, double indexWritesPerRecord) {
    }

    static final SegmentBoundaries BOUNDARIES = new SegmentBoundaries(Cuts.of(30, 90, 180, 365), Cuts.of(1, 2, 5, 20),
            Cuts.of(50, 100, 500, 2000), Cuts.of(150, 600, 5000), Cuts.of(5, 20, 60), 1000, LocalDate.now(ZoneOffset.UTC));

    /** The operation whose cost grows with the customer's active months (and is measured, not asserted flat). */
    public static final String COHORT_MOVE = "out-of-order purchase moving the first day into an earlier month (cohort move)";

    private final LocalDynamoDb dynamo;
    private final DynamoDbClient client;
    private final String purchasesTable;
    private final String ltvTable;
    private final CapacityMeter meter = CapacityMeter.counting();
    private final StateStore store;
    private final Recalculator recalculator;
    private final IndexWrites indexWrites;
    private int nextId;

    public CapacityBenchmark(LocalDynamoDb dynamo) {
        this.dynamo = dynamo;
        this.client = dynamo.client();
        Map<String, String> tables = dynamo.createTables("capacity-" + System.nanoTime() + "-");
        this.purchasesTable = tables.get("PurchasesTable");
        this.ltvTable = tables.get("LtvTable");
        this.store = new StateStore(client, ltvTable, meter);
        // the state carries what the recalculation writes with it: the ranking attributes, and a stand-in for the
        // prediction snapshot that changes with every purchase as the real one does (no model is fitted here)
        RankingAttributes rankings = new RankingAttributes(LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", purchasesTable, "LTV_TABLE", ltvTable))).ltvParameters(), Currency.getInstance("USD"));
        StateAnnotator annotator = state -> {
            Map<String, AttributeValue> attributes = new HashMap<>();
            BigDecimal clv = state.revenue().multiply(new BigDecimal("0.37")).setScale(2, RoundingMode.HALF_EVEN);
            attributes.put(RankingAttributes.PREDICTED_CLV, AttributeValue.fromN(clv.toPlainString()));
            attributes.putAll(rankings.of(state, clv));
            return attributes;
        };
        // and, as deployed, a model with boundaries, so every write also assigns the customer's segments and adds their
        // difference to its segment-totals shard (events off: their outbox is measured apart)
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", purchasesTable, "LTV_TABLE", ltvTable)));
        ModelStore models = new ModelStore(client, ltvTable);
        models.save(new ClvModel(new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), LocalDate.now(ZoneOffset.UTC).minusDays(1)),
                946, Instant.now(), BOUNDARIES);
        this.recalculator = new Recalculator(client, store, Duration.ofDays(7), Clock.systemUTC(), meter, annotator,
                new LiveSegments(new SegmentAssigner(config), new CachedModelSource(models), Clock.systemUTC(), ZoneOffset.UTC,
                        new SegmentOutbox(client, ltvTable, SegmentEventSink.NONE)));
        this.indexWrites = new IndexWrites(client, ltvTable);
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1, 100, 10_000);
        }
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(java.util.Optional.empty())) {
            CapacityBenchmark benchmark = new CapacityBenchmark(dynamo);
            List<Row> rows = new ArrayList<>(benchmark.run(sizes));
            rows.add(benchmark.distinctCustomersBatch(100));
            String report = table(rows);
            System.out.println(report);
            Path out = Path.of("benchmarks", "target", "capacity-report.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    public List<Row> run(List<Integer> historySizes) {
        List<Row> rows = new ArrayList<>();
        for (int history : historySizes) {
            String customer = "bench-" + history;
            List<Purchase> existing = seed(customer, history);
            LocalDate lastDay = existing.get(existing.size() - 1).day();
            // not measured: the repair wrote the state without the ranking attributes; one purchase adds them
            recalculator.apply(customer, List.of(insert(purchase(customer, lastDay, "25.00"))));

            Purchase fresh = purchase(customer, lastDay.plusDays(1), "42.50");
            rows.add(measure(history, "new purchase (INSERT)", List.of(insert(fresh))));

            Purchase corrected = withAmount(fresh, "45.00");
            rows.add(measure(history, "amount correction (MODIFY)", List.of(modify(fresh, corrected))));

            Purchase sameDay = purchase(customer, lastDay.plusDays(1), "10.00");
            Purchase refund = new Purchase(customer, "r-" + nextId++, PurchaseKind.REFUND, new BigDecimal("5.00"), "USD",
                    sameDay.purchasedAt().plusHours(1), sameDay.day(), null, null, sameDay.purchaseId(), BigDecimal.ZERO);
            rows.add(measure(history, "same-day purchase + refund, one batch", List.of(insert(sameDay), insert(refund))));

            // removing every purchase of the last day makes the previous purchase day the last one: a boundary lookup
            rows.add(measure(history, "removal emptying the last day (REMOVE)",
                    List.of(remove(refund), remove(sameDay), remove(corrected))));

            List<PurchaseChange> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                burst.add(insert(purchase(customer, lastDay.plusDays(2 + i), "19.99")));
            }
            rows.add(measure(history, "10 purchases in one batch (coalesced)", burst));

            PurchaseChange again = burst.get(0);
            rows.add(measure(history, "redelivered record (already applied)", List.of(again)));

            // the one operation that is not flat: the customer's first purchase moves into an earlier month, so the
            // customer's whole cohort contribution moves (every year item read, one attribute pair per active month)
            Purchase earlier = purchase(customer, existing.get(0).day().minusMonths(1), "12.00");
            rows.add(measure(history, COHORT_MOVE, List.of(insert(earlier))));
        }
        return rows;
    }

    /** The operation of {@link #distinctCustomersBatch}. */
    public static final String DISTINCT_CUSTOMERS_BATCH = "stream batch: one new purchase each of distinct customers";

    /**
     * A stream batch as the recalculation applies it: one new purchase each for {@code customers} customers with one
     * earlier purchase, their states and days read ahead together, and packed several customers to a transaction
     * with their company items merged, as the function packs them.
     */
    public Row distinctCustomersBatch(int customers) {
        Map<String, List<PurchaseChange>> batch = new java.util.LinkedHashMap<>();
        LocalDate day = LocalDate.of(2024, 3, 1);
        for (int i = 0; i < customers; i++) {
            String customer = "batch-" + nextId++;
            // not measured: each customer's first purchase
            recalculator.apply(customer, List.of(insert(purchase(customer, day.plusDays(i % 28), "25.00"))));
            batch.put(customer, List.of(insert(purchase(customer, day.plusDays(30 + i % 28), "42.50"))));
        }
        meter.reset();
        ReadAhead readAhead = ReadAhead.read(store, batch);
        PackedRecalculation packed = new PackedRecalculation(recalculator);
        Map<String, List<PurchaseChange>> pack = new java.util.LinkedHashMap<>();
        int items = 0;
        int shard = 0;
        int applied = 0;
        for (Map.Entry<String, List<PurchaseChange>> customer : batch.entrySet()) {
            int own = PackedRecalculation.estimatedOwnItems(customer.getValue());
            if (!pack.isEmpty() && (items + own > PackedRecalculation.OWN_ITEMS_PER_PACK
                    || pack.size() == PackedRecalculation.MAX_CUSTOMERS_PER_PACK)) {
                applied += appliedIn(packed.apply(pack, readAhead, shard++));
                pack.clear();
                items = 0;
            }
            pack.put(customer.getKey(), customer.getValue());
            items += own;
        }
        applied += appliedIn(packed.apply(pack, readAhead, shard));
        if (applied != customers) {
            throw new IllegalStateException(applied + " of " + customers + " purchases applied in their packs");
        }
        double n = customers;
        return new Row(1, DISTINCT_CUSTOMERS_BATCH + " (" + customers + " customers)", customers, meter.requests() / n,
                meter.readUnits() / n, meter.writeUnits() / n, meter.itemsWritten() / n, Double.NaN);
    }

    private static int appliedIn(Map<String, PackedRecalculation.Result> results) {
        int applied = 0;
        for (PackedRecalculation.Result result : results.values()) {
            if (result instanceof PackedRecalculation.Applied done) {
                applied += done.outcome().applied();
            }
        }
        return applied;
    }

    private Row measure(int history, String operation, List<PurchaseChange> changes) {
        String customer = changes.get(0).customerId();
        Map<String, AttributeValue> before = indexWrites.stateItem(customer);
        meter.reset();
        recalculator.apply(customer, changes);
        int n = changes.size();
        double requests = meter.requests();
        double reads = meter.readUnits();
        double writes = meter.writeUnits();
        double items = meter.itemsWritten();
        int index = IndexWrites.between(before, indexWrites.stateItem(customer));
        return new Row(history, operation, n, requests / n, reads / n, writes / n, items / n, (double) index / n);
    }

    /** A customer with {@code history} purchases, three a day, written directly and then brought into the state by the repair path. */
    private List<Purchase> seed(String customer, int history) {
        List<Purchase> purchases = new ArrayList<>();
        LocalDate start = LocalDate.of(2010, 1, 1);
        for (int i = 0; i < history; i++) {
            purchases.add(purchase(customer, start.plusDays(i / 3), "25.00"));
        }
        for (int from = 0; from < purchases.size(); from += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Purchase p : purchases.subList(from, Math.min(purchases.size(), from + 25))) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(PurchaseItems.toItem(p)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(purchasesTable, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
        new StateRepair(client, purchasesTable, new StateStore(client, ltvTable, CapacityMeter.OFF), Clock.systemUTC()).repair(customer);
        return purchases;
    }

    private Purchase purchase(String customer, LocalDate day, String amount) {
        return new Purchase(customer, "p-" + nextId++, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD",
                day.atTime(12, 0).atOffset(ZoneOffset.UTC), day, "web", null, null, BigDecimal.ZERO);
    }

    private static Purchase withAmount(Purchase p, String amount) {
        return new Purchase(p.customerId(), p.purchaseId(), p.kind(), new BigDecimal(amount), p.currency(), p.purchasedAt(),
                p.day(), p.channel(), p.metadataJson(), p.refundOf(), p.refundedAmount());
    }

    private static PurchaseChange insert(Purchase p) {
        return new PurchaseChange(UUID.randomUUID().toString(), "0", p.customerId(), null, p);
    }

    private static PurchaseChange modify(Purchase before, Purchase after) {
        return new PurchaseChange(UUID.randomUUID().toString(), "0", after.customerId(), before, after);
    }

    private static PurchaseChange remove(Purchase p) {
        return new PurchaseChange(UUID.randomUUID().toString(), "0", p.customerId(), p, null);
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| earlier purchases | operation | records | requests / record | RCU / record | WCU / record | items written / record | ranking index writes / record |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format("| %,d | %s | %d | %.2f | %.2f | %.2f | %.2f | %s |%n", row.history(), row.operation(), row.records(),
                    row.requestsPerRecord(), row.readUnitsPerRecord(), row.writeUnitsPerRecord(), row.itemsWrittenPerRecord(),
                    Double.isNaN(row.indexWritesPerRecord()) ? "" : String.format("%.2f", row.indexWritesPerRecord())));
        }
        return out.toString();
    }
}
