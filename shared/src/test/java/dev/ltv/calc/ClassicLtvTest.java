package dev.ltv.calc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassicLtvTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    private static LtvParameters params(String margin, String cac, String lifespan) {
        return new LtvParameters(new BigDecimal(margin), new BigDecimal(cac), new BigDecimal(lifespan));
    }

    @Test
    void threePurchasesWithinAYear() {
        // 100 + 50 + 30 over 180 days: APV 60, window floored to 1 year → 3/yr, CV 180; 180 × 3 × 0.5 − 50 = 220
        CustomerTotals totals = new CustomerTotals(new BigDecimal("180.00"), 3, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30));
        LtvBreakdown ltv = ClassicLtv.customer(totals, params("0.5", "50", "3"), USD);

        assertEquals(new BigDecimal("60.00"), ltv.averagePurchaseValue());
        assertEquals(new BigDecimal("3.000000"), ltv.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("180.00"), ltv.customerValuePerYear());
        assertEquals(new BigDecimal("220.00"), ltv.ltv());
        assertEquals(new BigDecimal("4.400000"), ltv.ltvToCac());
    }

    @Test
    void ltvIsNegativeWhenAcquisitionCostExceedsTheValue() {
        // one purchase of 20: 20 × 1/yr × 1 yr × 0.3 − 100 = −94
        CustomerTotals totals = new CustomerTotals(new BigDecimal("20"), 1, LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 5));
        LtvBreakdown ltv = ClassicLtv.customer(totals, params("0.3", "100", "1"), USD);

        assertEquals(new BigDecimal("-94.00"), ltv.ltv());
        assertEquals(new BigDecimal("-0.940000"), ltv.ltvToCac());
    }

    @Test
    void retentionCostIsPaidEveryYearOfTheLifespan() {
        // APV 60 × 3/yr = CV 180; gross profit 180 × 0.5 = 90/yr; minus 40 retention = 50/yr; × 3 years = 150; − 50 CAC = 100
        CustomerTotals totals = new CustomerTotals(new BigDecimal("180.00"), 3, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30));
        LtvParameters parameters = params("0.5", "50", "3").withRetentionCostPerYear(new BigDecimal("40"));
        LtvBreakdown ltv = ClassicLtv.customer(totals, parameters, USD);

        assertEquals(new BigDecimal("180.00"), ltv.customerValuePerYear());
        assertEquals(new BigDecimal("100.00"), ltv.ltv());
        assertEquals(new BigDecimal("2.000000"), ltv.ltvToCac());
    }

    @Test
    void retentionCostAloneMakesTheLtvNegative() {
        // no acquisition cost: one purchase of 20 a year at 30 % margin = 6/yr gross profit; keeping the customer
        // costs 10/yr, so each year loses 4; over 2.5 years −10
        CustomerTotals totals = new CustomerTotals(new BigDecimal("20"), 1, LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 5));
        LtvParameters parameters = params("0.3", "0", "2.5").withRetentionCostPerYear(new BigDecimal("10"));
        LtvBreakdown ltv = ClassicLtv.customer(totals, parameters, USD);

        assertEquals(new BigDecimal("-10.00"), ltv.ltv());
        assertNull(ltv.ltvToCac(), "no ratio without an acquisition cost");
    }

    @Test
    void companyLtvSubtractsTheRetentionCostToo() {
        // 3 customers, 12 purchases, revenue 1,200 in a year: APV 100, frequency 4 → CV 400; (400 × 0.25 − 120) × 2 = −40
        CompanyTotals totals = new CompanyTotals(3, new BigDecimal("1200"), 12, new BigDecimal("12"));
        LtvParameters parameters = params("0.25", "0", "2").withRetentionCostPerYear(new BigDecimal("120"));

        assertEquals(new BigDecimal("-40.00"), ClassicLtv.company(totals, parameters, USD).ltv());
    }

    @Test
    void aNegativeRetentionCostIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> params("1", "0", "3").withRetentionCostPerYear(new BigDecimal("-1")));
    }

    @Test
    void samedayPurchasesCountOncePerYearWindow() {
        // first and last purchase on the same day: the span counts as one year, so frequency = purchases
        CustomerTotals totals = new CustomerTotals(new BigDecimal("30.00"), 2, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 1));
        LtvBreakdown ltv = ClassicLtv.customer(totals, params("1", "0", "2"), USD);

        assertEquals(new BigDecimal("15.00"), ltv.averagePurchaseValue());
        assertEquals(new BigDecimal("2.000000"), ltv.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("60.00"), ltv.ltv());
        assertNull(ltv.ltvToCac(), "no ratio without an acquisition cost");
    }

    @Test
    void spanLongerThanAYearDividesByItsLength() {
        // 731 days = 2.001368925 years; 2 purchases → 0.999316005 /yr; APV 50 → CV 49.96580027; × 3 years = 149.897400...
        CustomerTotals totals = new CustomerTotals(new BigDecimal("100"), 2, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1));
        LtvBreakdown ltv = ClassicLtv.customer(totals, params("1", "0", "3"), USD);

        assertEquals(new BigDecimal("0.999316"), ltv.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("49.97"), ltv.customerValuePerYear());
        assertEquals(new BigDecimal("149.90"), ltv.ltv());
    }

    @Test
    void moneyIsRoundedOnceToTheCurrencyMinorUnitHalfEven() {
        // 10 / 3 purchases = 3.333…, × 3 /yr = 10 exactly: rounding only at the end keeps it 10, not 9.99
        CustomerTotals totals = new CustomerTotals(new BigDecimal("10"), 3, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));
        LtvBreakdown usd = ClassicLtv.customer(totals, params("1", "0", "1"), USD);
        assertEquals(new BigDecimal("3.33"), usd.averagePurchaseValue());
        assertEquals(new BigDecimal("10.00"), usd.ltv());

        // yen have no minor unit; 2.5 rounds to the even 2
        CustomerTotals yen = new CustomerTotals(new BigDecimal("5"), 2, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1));
        assertEquals(new BigDecimal("2"), ClassicLtv.customer(yen, params("1", "0", "1"), JPY).averagePurchaseValue());
    }

    @Test
    void overridesReplaceOneParameterEach() {
        CustomerTotals totals = new CustomerTotals(new BigDecimal("180.00"), 3, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30));
        LtvParameters base = params("1", "0", "3");
        assertEquals(new BigDecimal("540.00"), ClassicLtv.customer(totals, base, USD).ltv());
        assertEquals(new BigDecimal("216.00"), ClassicLtv.customer(totals, base.withGrossMargin(new BigDecimal("0.4")), USD).ltv());
        assertEquals(new BigDecimal("515.00"), ClassicLtv.customer(totals, base.withAcquisitionCost(new BigDecimal("25")), USD).ltv());
        assertEquals(new BigDecimal("900.00"), ClassicLtv.customer(totals, base.withLifespanYears(new BigDecimal("5")), USD).ltv());
    }

    @Test
    void companyLevelAveragesOverCustomers() {
        // A: 180 over 3 purchases (3/yr); B: 20 over 1 (1/yr). APV = 200/4 = 50; frequency = (3+1)/2 = 2; CV = 100
        CompanyTotals totals = new CompanyTotals(2, new BigDecimal("200"), 4, new BigDecimal("4"));
        LtvBreakdown company = ClassicLtv.company(totals, params("0.5", "10", "3"), USD);

        assertEquals(new BigDecimal("50.00"), company.averagePurchaseValue());
        assertEquals(new BigDecimal("2.000000"), company.purchaseFrequencyPerYear());
        assertEquals(new BigDecimal("100.00"), company.customerValuePerYear());
        assertEquals(new BigDecimal("140.00"), company.ltv()); // 100 × 3 × 0.5 − 10
    }

    @Test
    void lifespanFromChurnAndParameterChecks() {
        assertEquals(0, new BigDecimal("4").compareTo(LtvParameters.lifespanFromAnnualChurn(new BigDecimal("0.25"))));
        assertThrows(IllegalArgumentException.class, () -> LtvParameters.lifespanFromAnnualChurn(BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> params("1.2", "0", "3"));
        assertThrows(IllegalArgumentException.class, () -> params("0.5", "-1", "3"));
        assertThrows(IllegalArgumentException.class, () -> params("0.5", "0", "0"));
        assertThrows(IllegalArgumentException.class, () -> ClassicLtv.company(CompanyTotals.EMPTY, params("1", "0", "1"), USD));
    }
}
