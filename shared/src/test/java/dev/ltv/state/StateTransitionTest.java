package dev.ltv.state;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateTransitionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final LocalDate D1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 3, 5);
    private static final LocalDate D3 = LocalDate.of(2026, 4, 9);

    /** Applies deltas to an in-memory copy of the day items, as the store would. */
    private static final class Memory implements DayIndex {
        final TreeMap<LocalDate, DayTotal> days = new TreeMap<>();
        CustomerState state;
        int lookups;

        void apply(DayDelta... deltas) {
            Map<LocalDate, DayTotal> stored = new TreeMap<>();
            for (DayDelta delta : deltas) {
                if (days.containsKey(delta.day())) {
                    stored.put(delta.day(), days.get(delta.day()));
                }
            }
            StateTransition t = StateTransition.compute("c1", state, stored, List.of(deltas), this, NOW);
            t.daysAfter().forEach((day, total) -> {
                if (total.isEmpty()) {
                    days.remove(day);
                } else {
                    days.put(day, total);
                }
            });
            state = t.after();
        }

        @Override
        public Optional<DayTotal> firstPurchaseDayAfter(LocalDate day, Set<LocalDate> skip) {
            lookups++;
            return days.tailMap(day, false).values().stream().filter(d -> d.isPurchaseDay() && !skip.contains(d.day())).findFirst();
        }

        @Override
        public Optional<DayTotal> lastPurchaseDayBefore(LocalDate day, Set<LocalDate> skip) {
            lookups++;
            return days.headMap(day, false).descendingMap().values().stream()
                    .filter(d -> d.isPurchaseDay() && !skip.contains(d.day())).findFirst();
        }
    }

    private static DayDelta purchase(LocalDate day, String amount) {
        return new DayDelta(day, new BigDecimal(amount), 1);
    }

    private static DayDelta refund(LocalDate day, String amount) {
        return new DayDelta(day, new BigDecimal(amount).negate(), 0);
    }

    @Test
    void firstPurchaseCreatesTheState() {
        Memory m = new Memory();
        m.apply(purchase(D2, "40.00"));
        assertEquals(0, new BigDecimal("40").compareTo(m.state.revenue()));
        assertEquals(1, m.state.purchases());
        assertEquals(1, m.state.purchaseDays());
        assertEquals(D2, m.state.firstDay());
        assertEquals(D2, m.state.lastDay());
        assertEquals(0, new BigDecimal("40").compareTo(m.state.firstDaySpend()));
        assertEquals(1, m.state.version());
    }

    @Test
    void sameDayPurchasesMergeIntoOnePurchaseDay() {
        Memory m = new Memory();
        m.apply(purchase(D2, "40.00"));
        m.apply(purchase(D2, "10.50"));
        assertEquals(2, m.state.purchases());
        assertEquals(1, m.state.purchaseDays());
        assertEquals(0, new BigDecimal("50.50").compareTo(m.state.firstDaySpend()));
        assertEquals(2, m.state.version());
    }

    @Test
    void anEarlierPurchaseArrivingLateMovesTheFirstDay() {
        Memory m = new Memory();
        m.apply(purchase(D3, "30"));
        m.apply(purchase(D1, "12"));
        assertEquals(D1, m.state.firstDay());
        assertEquals(D3, m.state.lastDay());
        assertEquals(0, new BigDecimal("12").compareTo(m.state.firstDaySpend()));
        assertEquals(0, m.lookups, "growing a boundary needs no lookup");
    }

    @Test
    void removingTheFirstDayLooksUpTheNextPurchaseDay() {
        Memory m = new Memory();
        m.apply(purchase(D1, "12"));
        m.apply(purchase(D2, "20"));
        m.apply(purchase(D3, "30"));
        m.apply(purchase(D1, "12").negate());
        assertEquals(D2, m.state.firstDay());
        assertEquals(0, new BigDecimal("20").compareTo(m.state.firstDaySpend()));
        assertEquals(2, m.state.purchaseDays());
        assertEquals(1, m.lookups);
    }

    @Test
    void refundLowersRevenueAndTheDaySpendButNotTheCount() {
        Memory m = new Memory();
        m.apply(purchase(D1, "100"));
        m.apply(refund(D1, "25.50"));
        assertEquals(0, new BigDecimal("74.50").compareTo(m.state.revenue()));
        assertEquals(1, m.state.purchases());
        assertEquals(0, new BigDecimal("74.50").compareTo(m.state.firstDaySpend()));
    }

    @Test
    void removingEverythingLeavesNoState() {
        Memory m = new Memory();
        m.apply(purchase(D1, "10"));
        m.apply(purchase(D1, "10").negate());
        assertNull(m.state);
        assertTrue(m.days.isEmpty());
    }

    @Test
    void aNegativeCountIsRefused() {
        Memory m = new Memory();
        m.apply(purchase(D1, "10"));
        assertThrows(IllegalStateException.class, () -> m.apply(purchase(D2, "10").negate()));
    }

    @Test
    void coalescedBatchesOfRandomChangesGiveTheFullRecomputation() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<DayDelta> history = new ArrayList<>();
            List<DayDelta> live = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(60));
                DayDelta p = purchase(day, random.nextInt(10_000) / 100 + 1 + "." + random.nextInt(10) + "0");
                history.add(p);
                live.add(p);
                if (random.nextInt(4) == 0 && !live.isEmpty()) { // remove a random live purchase
                    DayDelta gone = live.remove(random.nextInt(live.size()));
                    history.add(gone.negate());
                }
            }
            // apply in batches of 1 to 5 coalesced changes (cross-item reordering is covered by the chaos test)
            Memory m = new Memory();
            List<DayDelta> order = new ArrayList<>(history);
            int from = 0;
            while (from < order.size()) {
                int size = 1 + random.nextInt(5);
                List<DayDelta> batch = order.subList(from, Math.min(order.size(), from + size));
                m.apply(batch.toArray(DayDelta[]::new));
                from += size;
            }
            TreeMap<LocalDate, DayTotal> expectedDays = new TreeMap<>();
            for (DayDelta d : live) {
                expectedDays.merge(d.day(), DayTotal.empty(d.day()).plus(d),
                        (a, b) -> new DayTotal(a.day(), a.spend().add(b.spend()), a.purchases() + b.purchases()));
            }
            long purchaseDays = expectedDays.values().stream().filter(DayTotal::isPurchaseDay).count();
            BigDecimal revenue = live.stream().map(DayDelta::spend).reduce(BigDecimal.ZERO, BigDecimal::add);
            String why = "seed " + seed;
            if (live.isEmpty()) {
                assertNull(m.state, why);
                continue;
            }
            assertEquals(0, revenue.compareTo(m.state.revenue()), why);
            assertEquals(live.size(), m.state.purchases(), why);
            assertEquals(purchaseDays, m.state.purchaseDays(), why);
            assertEquals(expectedDays.firstKey(), m.state.firstDay(), why);
            assertEquals(expectedDays.lastKey(), m.state.lastDay(), why);
            assertEquals(0, expectedDays.firstEntry().getValue().spend().compareTo(m.state.firstDaySpend()), why);
            assertEquals(expectedDays.size(), m.days.size(), why);
        }
    }
}
