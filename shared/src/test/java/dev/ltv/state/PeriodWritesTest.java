package dev.ltv.state;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodWritesTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aSecondPurchaseInAMonthAddsNoCustomerThere() {
        // stored: one purchase of 40 on 2025-07-03. New: 60 on 2025-07-20 and 10 on 2025-08-01.
        CustomerYear before = CustomerYear.empty(2025).plus(LocalDate.of(2025, 7, 3), d("40"), 1);
        CustomerYear after = before.plus(LocalDate.of(2025, 7, 20), d("60"), 1).plus(LocalDate.of(2025, 8, 1), d("10"), 1);
        Map<String, BigDecimal> deltas = PeriodWrites.companyDeltas(before, after);
        assertEquals(Map.of(
                "m07p", d("1"), "m07r", d("60"),                  // July: already counted, one more purchase
                "m08c", d("1"), "m08p", d("1"), "m08r", d("10"),  // August: a new customer of the month
                "q3p", d("2"), "q3r", d("70"),                    // Q3 and the year: already counted
                "yp", d("2"), "yr", d("70")), deltas);
    }

    @Test
    void losingTheLastPurchaseOfAQuarterRemovesTheCustomerFromItButARefundMovesOnlyRevenue() {
        CustomerYear before = CustomerYear.empty(2025)
                .plus(LocalDate.of(2025, 2, 1), d("100"), 1)
                .plus(LocalDate.of(2025, 11, 5), d("50"), 1);
        // the November purchase is deleted; a refund of 30 is booked to February's order
        CustomerYear after = before.plus(LocalDate.of(2025, 11, 5), d("-50"), -1).plus(LocalDate.of(2025, 2, 1), d("-30"), 0);
        Map<String, BigDecimal> deltas = PeriodWrites.companyDeltas(before, after);
        assertEquals(Map.of(
                "m02r", d("-30"), "q1r", d("-30"),
                "m11c", d("-1"), "m11p", d("-1"), "m11r", d("-50"),
                "q4c", d("-1"), "q4p", d("-1"), "q4r", d("-50"),
                "yp", d("-1"), "yr", d("-80")), deltas);
    }

    @Test
    void yearsFromDaysSumEachMonthAndDropEmptyYears() {
        Map<Integer, CustomerYear> years = PeriodWrites.yearsFromDays(List.of(
                new DayTotal(LocalDate.of(2024, 12, 31), d("5"), 1),
                new DayTotal(LocalDate.of(2025, 1, 1), d("7"), 2),
                new DayTotal(LocalDate.of(2025, 1, 30), d("3"), 1)));
        assertEquals(2, years.size());
        assertEquals(3, years.get(2025).purchases(1));
        assertEquals(0, d("10").compareTo(years.get(2025).spend(1)));
        assertEquals(1, years.get(2024).purchases(12, 1));
        assertTrue(CustomerYear.empty(2025).plus(LocalDate.of(2025, 3, 3), d("5"), 1)
                .plus(LocalDate.of(2025, 3, 3), d("-5"), -1).isEmpty());
    }

    @Test
    void chunksKeepTransactionsUnderOneHundredItems() {
        // 25 changes on one day: one chunk; 25 changes on 25 different days: 85 / (1 + 3) = 21 then 4
        List<PurchaseChange> sameDay = new java.util.ArrayList<>();
        List<PurchaseChange> manyDays = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sameDay.add(change("e" + i, LocalDate.of(2025, 1, 1)));
            manyDays.add(change("f" + i, LocalDate.of(2025, 1, 1).plusDays(40L * i)));
        }
        assertEquals(List.of(25), TransactionChunks.split(sameDay, 25).stream().map(List::size).toList());
        assertEquals(List.of(21, 4), TransactionChunks.split(manyDays, 25).stream().map(List::size).toList());
    }

    private static PurchaseChange change(String eventId, LocalDate day) {
        var purchase = new dev.ltv.purchase.Purchase("c", "p-" + eventId, dev.ltv.purchase.PurchaseKind.PURCHASE, d("1"), "USD",
                day.atTime(12, 0).atOffset(java.time.ZoneOffset.UTC), day, null, null, null, BigDecimal.ZERO);
        return new PurchaseChange(eventId, "1", "c", null, purchase);
    }
}
