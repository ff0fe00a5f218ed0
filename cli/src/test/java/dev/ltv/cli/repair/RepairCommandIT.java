package dev.ltv.cli.repair;

import dev.ltv.calc.CompanyTotals;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateStore;
import dev.ltv.store.PurchaseItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepairCommandIT {

    @Test
    void repairsACorruptedCustomerAndTheCompanyTotals() {
        LocalDynamoDb dynamo = LocalDynamoDb.shared();
        DynamoDbClient client = dynamo.client();
        Map<String, String> tables = dynamo.createTables("repair-" + System.nanoTime() + "-");
        String purchases = tables.get("PurchasesTable");
        String ltv = tables.get("LtvTable");
        StateStore store = new StateStore(client, ltv, CapacityMeter.OFF);
        Recalculator recalculator = new Recalculator(client, store, Duration.ofDays(7), Clock.systemUTC(), CapacityMeter.OFF);

        // two customers brought up to date through the normal path
        Purchase a1 = purchase("a", "a1", "2026-01-05", "100.00");
        Purchase a2 = purchase("a", "a2", "2026-02-07", "40.00");
        Purchase b1 = purchase("b", "b1", "2026-03-03", "70.00");
        for (Purchase p : List.of(a1, a2, b1)) {
            client.putItem(r -> r.tableName(purchases).item(PurchaseItems.toItem(p)));
            recalculator.apply(p.customerId(), List.of(new PurchaseChange("e-" + p.purchaseId(), "1", p.customerId(), null, p)));
        }
        CustomerState good = store.readState("a", true).orElseThrow();

        // a manual edit breaks customer a: a wrong revenue and a lost day item
        client.updateItem(r -> r.tableName(ltv).key(Map.of("pk", AttributeValue.fromS("CUSTOMER#a"), "sk", AttributeValue.fromS("STATE")))
                .updateExpression("SET revenue = :r").expressionAttributeValues(Map.of(":r", AttributeValue.fromN("999"))));
        client.deleteItem(r -> r.tableName(ltv).key(Map.of("pk", AttributeValue.fromS("CUSTOMER#a"), "sk", AttributeValue.fromS("DAY#2026-02-07"))));

        ByteArrayOutputStream dryRun = new ByteArrayOutputStream();
        RepairCommand.run(new String[]{"--purchases-table", purchases, "--ltv-table", ltv, "--all", "--dry-run"},
                new PrintStream(dryRun), client);
        assertTrue(dryRun.toString().contains("a: differs"), dryRun.toString());
        assertTrue(dryRun.toString().contains("b: consistent"), dryRun.toString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = RepairCommand.run(new String[]{"--purchases-table", purchases, "--ltv-table", ltv, "--all"},
                new PrintStream(out), client);
        assertEquals(0, status);
        assertTrue(out.toString().contains("a: repaired") && out.toString().contains("b: consistent"), out.toString());
        // the manual edit had made the state disagree with the company totals: --all rebuilds them from every customer
        assertTrue(out.toString().contains("company totals: rebuilt"), out.toString());

        CustomerState repaired = store.readState("a", true).orElseThrow();
        assertTrue(repaired.sameFiguresAs(good), repaired + " vs " + good);
        assertEquals(2, store.readAllDays("a").size());
        CompanyTotals company = store.readCompanyTotals();
        assertEquals(2, company.customers());
        assertEquals(3, company.purchases());
        assertEquals(0, new BigDecimal("210.00").compareTo(company.revenue()), "company revenue " + company.revenue());
    }

    @Test
    void repairingOneCustomerMovesTheCompanyTotalsByItsDifference() {
        LocalDynamoDb dynamo = LocalDynamoDb.shared();
        DynamoDbClient client = dynamo.client();
        Map<String, String> tables = dynamo.createTables("repair-one-" + System.nanoTime() + "-");
        String purchases = tables.get("PurchasesTable");
        String ltv = tables.get("LtvTable");
        StateStore store = new StateStore(client, ltv, CapacityMeter.OFF);
        Recalculator recalculator = new Recalculator(client, store, Duration.ofDays(7), Clock.systemUTC(), CapacityMeter.OFF);
        Purchase c1 = purchase("c", "c1", "2026-04-01", "10.00");
        client.putItem(r -> r.tableName(purchases).item(PurchaseItems.toItem(c1)));
        recalculator.apply("c", List.of(new PurchaseChange("e-c1", "1", "c", null, c1)));
        // a purchase written while the stream was off: the state never saw it
        Purchase c2 = purchase("c", "c2", "2026-05-01", "15.50");
        client.putItem(r -> r.tableName(purchases).item(PurchaseItems.toItem(c2)));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RepairCommand.run(new String[]{"--purchases-table", purchases, "--ltv-table", ltv, "--customer", "c"}, new PrintStream(out), client);

        assertTrue(out.toString().contains("c: repaired"), out.toString());
        CustomerState state = store.readState("c", true).orElseThrow();
        assertEquals(0, new BigDecimal("25.50").compareTo(state.revenue()));
        assertEquals(2, state.purchases());
        CompanyTotals company = store.readCompanyTotals();
        assertEquals(1, company.customers());
        assertEquals(2, company.purchases());
        assertEquals(0, new BigDecimal("25.50").compareTo(company.revenue()));
    }

    @Test
    void refusesUnclearArguments() {
        assertThrows(IllegalArgumentException.class, () -> RepairCommand.run(new String[]{"--all"}, System.out, LocalDynamoDb.shared().client()));
        assertThrows(IllegalArgumentException.class, () -> RepairCommand.run(
                new String[]{"--purchases-table", "p", "--ltv-table", "l"}, System.out, LocalDynamoDb.shared().client()));
    }

    private static Purchase purchase(String customer, String id, String day, String amount) {
        LocalDate date = LocalDate.parse(day);
        return new Purchase(customer, id, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD",
                date.atTime(10, 0).atOffset(ZoneOffset.UTC), date, null, null, null, BigDecimal.ZERO);
    }
}
