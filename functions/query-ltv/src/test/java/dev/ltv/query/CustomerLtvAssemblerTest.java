package dev.ltv.query;

import dev.ltv.api.Json;
import dev.ltv.calc.LtvParameters;
import dev.ltv.state.CustomerState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole response bodies, compared as text: every figure below is worked out by hand in the comments. */
class CustomerLtvAssemblerTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LtvParameters DEFAULTS = new LtvParameters(BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("3"));
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    // 100.00 on 2026-01-10, 50.00 on 2026-03-01, 30.00 on 2026-06-30
    private static final CustomerState C1001 = new CustomerState("c-1001", new BigDecimal("180.00"), 3, 3,
            LocalDate.of(2026, 1, 10), LocalDate.of(2026, 6, 30), new BigDecimal("100.00"), 3,
            Instant.parse("2026-07-01T08:00:00Z"));

    private final CustomerLtvAssembler assembler = new CustomerLtvAssembler(USD, PredictiveSection.NONE);
    private final ParameterOverrides overrides = new ParameterOverrides(DEFAULTS, USD);

    private String body(CustomerState state, String query) {
        return Json.write(assembler.assemble(state, overrides.apply(QueryString.parse(query)), AS_OF));
    }

    @Test
    void threePurchasesWithinAYearWithTheDefaults() {
        // span 2026-01-10 → 2026-06-30 = 21 + 28 + 31 + 30 + 31 + 30 = 171 days < 1 year, so the window is 1 year
        // APV = 180.00 / 3 = 60.00; frequency = 3 / 1 = 3; customer value = 60 × 3 = 180.00
        // LTV = 180 × 3 years × margin 1 − CAC 0 = 540.00; CAC 0: no LTV:CAC
        assertEquals("""
                {"customerId":"c-1001","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-07-01T08:00:00Z",\
                "inputs":{"revenue":180.00,"purchases":3,"purchaseDays":3,"firstPurchaseDay":"2026-01-10",\
                "lastPurchaseDay":"2026-06-30","observedSpanDays":171,"frequencyWindowYears":1.000000},\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"default","acquisitionCost":"default","lifespanYears":"default","retentionCostPerYear":"default"}},\
                "classic":{"averagePurchaseValue":60.00,"purchaseFrequencyPerYear":3.000000,\
                "customerValuePerYear":180.00,"ltv":540.00}}""", body(C1001, ""));
    }

    @Test
    void overridesOfMarginCacAndLifespan() {
        // LTV = 180 × 5 × 0.4 − 25 = 360 − 25 = 335.00; LTV:CAC = 335 / 25 = 13.4
        assertEquals("""
                {"customerId":"c-1001","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-07-01T08:00:00Z",\
                "inputs":{"revenue":180.00,"purchases":3,"purchaseDays":3,"firstPurchaseDay":"2026-01-10",\
                "lastPurchaseDay":"2026-06-30","observedSpanDays":171,"frequencyWindowYears":1.000000},\
                "parameters":{"grossMargin":0.4,"acquisitionCost":25.00,"lifespanYears":5,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"request","acquisitionCost":"request","lifespanYears":"request","retentionCostPerYear":"default"}},\
                "classic":{"averagePurchaseValue":60.00,"purchaseFrequencyPerYear":3.000000,\
                "customerValuePerYear":180.00,"ltv":335.00,"ltvToCac":13.400000}}""",
                body(C1001, "grossMargin=0.4&acquisitionCost=25&lifespanYears=5"));
    }

    @Test
    void aCacAboveTheMarginGivesANegativeLtv() {
        // LTV = 180 × 1 × 0.4 − 100 = 72 − 100 = −28.00; LTV:CAC = −28 / 100 = −0.28
        String body = body(C1001, "grossMargin=0.4&acquisitionCost=100&lifespanYears=1");
        assertTrue(body.endsWith("\"ltv\":-28.00,\"ltvToCac\":-0.280000}}"), body);
    }

    @Test
    void aRetentionCostAboveTheYearlyProfitGivesANegativeLtv() {
        // yearly gross profit 180 × 0.4 = 72; keeping the customer costs 80 a year: (72 − 80) × 5 − 25 = −65.00;
        // LTV:CAC = −65 / 25 = −2.6
        String body = body(C1001, "grossMargin=0.4&acquisitionCost=25&lifespanYears=5&retentionCostPerYear=80");
        assertTrue(body.contains("\"retentionCostPerYear\":80.00,\"sources\""), body);
        assertTrue(body.contains("\"retentionCostPerYear\":\"request\""), body);
        assertTrue(body.endsWith("\"ltv\":-65.00,\"ltvToCac\":-2.600000}}"), body);
    }

    @Test
    void aChurnRateOverrideShowsTheRateAndTheLifespanItGives() {
        // lifespan = 1 / 0.3 = 3.333… years; LTV = 180 × 3.333… = 600.00 (34 significant digits, then cents)
        String body = body(C1001, "annualChurnRate=0.3");
        assertTrue(body.contains("\"parameters\":{\"grossMargin\":1,\"acquisitionCost\":0.00,"
                + "\"lifespanYears\":3.333333,\"annualChurnRate\":0.3,\"retentionCostPerYear\":0.00,\"sources\":{\"grossMargin\":\"default\","
                + "\"acquisitionCost\":\"default\",\"lifespanYears\":\"request\",\"retentionCostPerYear\":\"default\"}}"), body);
        assertTrue(body.contains("\"ltv\":600.00}"), body);
    }

    @Test
    void aSpanLongerThanAYearDividesThePurchasesByItsYears() {
        // 40.00 on 2022-01-01 and 20.00 on 2026-01-01: 365 + 365 + 366 + 365 = 1461 days = 4 × 365.25 = 4 years
        // APV = 60 / 2 = 30.00; frequency = 2 / 4 = 0.5; customer value = 15.00; LTV = 15 × 3 = 45.00
        CustomerState c2002 = new CustomerState("c-2002", new BigDecimal("60.00"), 2, 2,
                LocalDate.of(2022, 1, 1), LocalDate.of(2026, 1, 1), new BigDecimal("40.00"), 2,
                Instant.parse("2026-01-01T10:00:00Z"));
        assertEquals("""
                {"customerId":"c-2002","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-01-01T10:00:00Z",\
                "inputs":{"revenue":60.00,"purchases":2,"purchaseDays":2,"firstPurchaseDay":"2022-01-01",\
                "lastPurchaseDay":"2026-01-01","observedSpanDays":1461,"frequencyWindowYears":4.000000},\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"default","acquisitionCost":"default","lifespanYears":"default","retentionCostPerYear":"default"}},\
                "classic":{"averagePurchaseValue":30.00,"purchaseFrequencyPerYear":0.500000,\
                "customerValuePerYear":15.00,"ltv":45.00}}""", body(c2002, ""));
    }

    @Test
    void aCustomerWhosePurchasesWereAllDeletedButWhoKeepsRefundsHasInputsAndNoClassicFigures() {
        CustomerState refundsOnly = new CustomerState("c-3003", new BigDecimal("-30.00"), 0, 0, null, null,
                BigDecimal.ZERO, 3, Instant.parse("2026-08-01T12:00:00Z"));
        assertEquals("""
                {"customerId":"c-3003","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-08-01T12:00:00Z",\
                "inputs":{"revenue":-30.00,"purchases":0,"purchaseDays":0},\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"default","acquisitionCost":"default","lifespanYears":"default","retentionCostPerYear":"default"}},\
                "classic":null,"note":"%s"}""".formatted(CustomerLtvAssembler.NO_PURCHASES_NOTE), body(refundsOnly, ""));
    }

    @Test
    void aPredictiveSectionJoinsTheResponseWithoutChangingTheClassicFigures() {
        record Stub(String model, String asOf) {
        }
        CustomerLtvAssembler withModel = new CustomerLtvAssembler(USD,
                (state, asOf, margin) -> Optional.of(new Stub("test-" + state.customerId(), asOf.toString())));
        String body = Json.write(withModel.assemble(C1001, ChosenParameters.defaults(DEFAULTS), AS_OF));
        assertTrue(body.endsWith("\"classic\":{\"averagePurchaseValue\":60.00,\"purchaseFrequencyPerYear\":3.000000,"
                + "\"customerValuePerYear\":180.00,\"ltv\":540.00},\"predictive\":{\"model\":\"test-c-1001\",\"asOf\":\"2026-11-20\"}}"), body);
    }

    @Test
    void moneyHasTheMinorUnitOfTheBaseCurrency() {
        // JPY has no minor unit: APV = 18000 / 3 = 6000; LTV = 6000 × 3 × 3 = 54000
        Currency yen = Currency.getInstance("JPY");
        CustomerState inYen = new CustomerState("c-jp", new BigDecimal("18000"), 3, 3, LocalDate.of(2026, 1, 10),
                LocalDate.of(2026, 6, 30), new BigDecimal("10000"), 3, Instant.parse("2026-07-01T08:00:00Z"));
        String body = Json.write(new CustomerLtvAssembler(yen, PredictiveSection.NONE)
                .assemble(inYen, ChosenParameters.defaults(DEFAULTS), AS_OF));
        assertTrue(body.contains("\"revenue\":18000,"), body);
        assertTrue(body.contains("\"acquisitionCost\":0,"), body);
        assertTrue(body.contains("\"classic\":{\"averagePurchaseValue\":6000,\"purchaseFrequencyPerYear\":3.000000,"
                + "\"customerValuePerYear\":18000,\"ltv\":54000}"), body);
    }
}
