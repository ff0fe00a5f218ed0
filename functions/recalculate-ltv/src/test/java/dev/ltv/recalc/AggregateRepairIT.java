package dev.ltv.recalc;

import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateRepair;
import dev.ltv.state.StateStore;
import dev.ltv.store.PurchaseItems;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repair path moves the period, channel and cohort sums by the customer's difference too: a purchase that
 * reached the purchases table but never the state (its record went to the dead-letter queue), earlier than the
 * customer's first, through another channel, is brought in by the repair, and every aggregate then equals a full
 * recomputation.
 */
class AggregateRepairIT {

    private static Purchase purchase(String customer, String id, String amount, String day, String channel) {
        return new Purchase(customer, id, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD",
                LocalDate.parse(day).atTime(12, 0).atOffset(ZoneOffset.UTC), LocalDate.parse(day), channel, null, null,
                BigDecimal.ZERO);
    }

    @Test
    void aRepairedCustomerMovesEveryAggregateByItsDifference() {
        TestEnvironment env = TestEnvironment.create("aggregate-repair");
        var dynamo = env.dynamo().client();
        StateStore store = new StateStore(dynamo, env.config().ltvTable(), CapacityMeter.OFF);
        Recalculator recalculator = new Recalculator(dynamo, store, Duration.ofDays(7), Clock.systemUTC(), CapacityMeter.OFF);
        int n = 0;
        for (Purchase p : List.of(purchase("a", "a-1", "100.00", "2025-03-10", "web"),
                purchase("a", "a-2", "40.00", "2026-01-05", "web"),
                purchase("b", "b-1", "25.00", "2025-03-11", "email"))) {
            dynamo.putItem(r -> r.tableName(env.config().purchasesTable()).item(PurchaseItems.toItem(p)));
            recalculator.apply(p.customerId(), List.of(new PurchaseChange("e-" + (++n), Integer.toString(n), p.customerId(), null, p)));
        }
        // stored but never applied: a's first purchase is now in 2024, through partner
        Purchase missed = purchase("a", "a-0", "60.00", "2024-11-20", "partner");
        dynamo.putItem(r -> r.tableName(env.config().purchasesTable()).item(PurchaseItems.toItem(missed)));

        StateRepair repair = new StateRepair(dynamo, env.config().purchasesTable(), store, Clock.systemUTC());
        assertTrue(repair.repair("a").changed());
        assertEquals("partner", store.readState("a", true).orElseThrow().acquisitionChannel());

        AggregateRecomputation expected = new AggregateRecomputation();
        expected.add(repair.recompute("a"));
        expected.add(repair.recompute("b"));
        int periods = expected.assertStoredIn(store, 2024, 2026);
        assertEquals(3 + 3 + 3, periods, "2024, 2025, 2026; 2024-Q4, 2025-Q1, 2026-Q1; 2024-11, 2025-03, 2026-01");
        assertEquals(java.util.Set.of("email", "partner"), expected.channels.keySet());
        assertEquals(java.util.Set.of(java.time.YearMonth.of(2024, 11), java.time.YearMonth.of(2025, 3)), expected.cohorts.keySet());
        // repairing again changes nothing
        assertTrue(!repair.repair("a").changed());
    }
}
