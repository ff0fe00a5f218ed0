package dev.ltv.bench.capacity;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateRepair;
import dev.ltv.state.StateStore;
import dev.ltv.store.PurchaseItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * DynamoDB requests and capacity units that the recalculation spends per purchase, for customers with
 * short and very long histories, measured with ReturnConsumedCapacity against DynamoDB Local (which
 * reports the same units as DynamoDB). The cost must not grow with the history.
 *
 * <p>Usage: {@code java -cp ... dev.ltv.bench.capacity.CapacityBenchmark [history sizes, default 1 100 10000]}
 */
public final class CapacityBenchmark {

    /** One measured operation: requests and capacity units per stream record applied. */
    public record Row(int history, String operation, int records, double requestsPerRecord, double readUnitsPerRecord,
                      double writeUnitsPerRecord, double itemsWrittenPerRecord) {
    }

    /** The operation whose cost grows with the customer's active months (and is measured, not asserted flat). */
    public static final String COHORT_MOVE = "out-of-order purchase moving the first day into an earlier month (cohort move)";

    private final LocalDynamoDb dynamo;
    private final DynamoDbClient client;
    private final String purchasesTable;
    private final String ltvTable;
    private final CapacityMeter meter = CapacityMeter.counting();
    private final StateStore store;
    private final Recalculator recalculator;
    private int nextId;

    public CapacityBenchmark(LocalDynamoDb dynamo) {
        this.dynamo = dynamo;
        this.client = dynamo.client();
        Map<String, String> tables = dynamo.createTables("capacity-" + System.nanoTime() + "-");
        this.purchasesTable = tables.get("PurchasesTable");
        this.ltvTable = tables.get("LtvTable");
        this.store = new StateStore(client, ltvTable, meter);
        this.recalculator = new Recalculator(client, store, Duration.ofDays(7), Clock.systemUTC(), meter);
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
            List<Row> rows = new CapacityBenchmark(dynamo).run(sizes);
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

    private Row measure(int history, String operation, List<PurchaseChange> changes) {
        meter.reset();
        recalculator.apply(changes.get(0).customerId(), changes);
        int n = changes.size();
        return new Row(history, operation, n, (double) meter.requests() / n, meter.readUnits() / n, meter.writeUnits() / n,
                (double) meter.itemsWritten() / n);
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
        out.append("| earlier purchases | operation | records | requests / record | RCU / record | WCU / record | items written / record |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format("| %,d | %s | %d | %.2f | %.2f | %.2f | %.2f |%n", row.history(), row.operation(), row.records(),
                    row.requestsPerRecord(), row.readUnitsPerRecord(), row.writeUnitsPerRecord(), row.itemsWrittenPerRecord()));
        }
        return out.toString();
    }
}
