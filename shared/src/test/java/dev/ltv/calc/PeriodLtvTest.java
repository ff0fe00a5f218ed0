package dev.ltv.calc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodLtvTest {

    private static final Currency USD = Currency.getInstance("USD");

    private static LtvParameters params(String margin, String cac, String lifespan) {
        return new LtvParameters(new BigDecimal(margin), new BigDecimal(cac), new BigDecimal(lifespan));
    }

    @Test
    void aYear() {
        // 2025: revenue 1,200.00 from 30 purchases by 10 customers. APV 40.00, frequency 3 a year,
        // customer value 120.00; (120 × 0.5) × 3 − 30 = 150.00; LTV:CAC 5
        LtvBreakdown ltv = PeriodLtv.of(new PeriodTotals(10, 30, new BigDecimal("1200.00")), Period.parse("2025").orElseThrow(),
                params("0.5", "30", "3"), USD);
        assertEquals(new BigDecimal("40.00"), ltv.averagePurchaseValue());
        assertEquals(new BigDecimal("3.000000"), ltv.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("120.00"), ltv.customerValuePerYear());
        assertEquals(new BigDecimal("150.00"), ltv.ltv());
        assertEquals(new BigDecimal("5.000000"), ltv.ltvToCac());
    }

    @Test
    void aQuarterIsAnnualisedByFour() {
        // 2025-Q3: 12 purchases by 8 customers, revenue 300. APV 25, 1.5 purchases a customer in the quarter → 6 a year,
        // customer value 150 a year; with margin 1, lifespan 2, retention 20 a year: (150 − 20) × 2 = 260.00
        LtvParameters parameters = params("1", "0", "2").withRetentionCostPerYear(new BigDecimal("20"));
        LtvBreakdown ltv = PeriodLtv.of(new PeriodTotals(8, 12, new BigDecimal("300")), Period.parse("2025-Q3").orElseThrow(),
                parameters, USD);
        assertEquals(new BigDecimal("25.00"), ltv.averagePurchaseValue());
        assertEquals(new BigDecimal("6.000000"), ltv.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("150.00"), ltv.customerValuePerYear());
        assertEquals(new BigDecimal("260.00"), ltv.ltv());
    }

    @Test
    void aMonthIsAnnualisedByTwelveAndRetentionCostCanMakeItNegative() {
        // 2025-07: 3 purchases by 3 customers, revenue 30. APV 10, 1 a month → 12 a year, 120 a year;
        // margin 0.25 → 30 a year of profit, retention 40 a year: (30 − 40) × 3 − 0 = −30.00
        LtvParameters parameters = params("0.25", "0", "3").withRetentionCostPerYear(new BigDecimal("40"));
        LtvBreakdown ltv = PeriodLtv.of(new PeriodTotals(3, 3, new BigDecimal("30")), Period.parse("2025-07").orElseThrow(),
                parameters, USD);
        assertEquals(new BigDecimal("12.000000"), ltv.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("120.00"), ltv.customerValuePerYear());
        assertEquals(new BigDecimal("-30.00"), ltv.ltv());
    }

    @Test
    void nobodyInThePeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PeriodLtv.of(PeriodTotals.EMPTY, Period.parse("2025").orElseThrow(),
                params("1", "0", "3"), USD));
    }

    @Test
    void labelsParseToTheirDays() {
        Period year = Period.parse("2025").orElseThrow();
        assertEquals(LocalDate.of(2025, 1, 1), year.from());
        assertEquals(LocalDate.of(2025, 12, 31), year.to());
        assertEquals(12, year.months());
        Period quarter = Period.parse("2024-Q1").orElseThrow();
        assertEquals(LocalDate.of(2024, 1, 1), quarter.from());
        assertEquals(LocalDate.of(2024, 3, 31), quarter.to());
        assertEquals("2024-Q1", quarter.label());
        Period february = Period.parse("2024-02").orElseThrow();
        assertEquals(LocalDate.of(2024, 2, 29), february.to(), "a leap year's February");
        assertEquals("2024-02", february.label());
        assertTrue(quarter.contains(LocalDate.of(2024, 3, 31)));
        assertFalse(quarter.contains(LocalDate.of(2024, 4, 1)));
        for (String bad : new String[] {"", "25", "2025-Q0", "2025-Q5", "2025-13", "2025-00", "2025-7", "0000", "2025-q3",
                "2025-W01", "2025-07-01", " 2025", "２０２５"}) {
            assertTrue(Period.parse(bad).isEmpty(), bad);
        }
    }
}
