package dev.ltv.query;

import dev.ltv.api.Json;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.calc.LtvParameters;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompanyMetricsAssemblerTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LtvParameters DEFAULTS = new LtvParameters(BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("3"));
    private final CompanyMetricsAssembler assembler = new CompanyMetricsAssembler(USD);
    private final ParameterOverrides overrides = new ParameterOverrides(DEFAULTS, USD);

    // c-1001: 3 purchases, 180.00, frequency 3/yr; c-2002: 2 purchases, 60.00, over 4 years: 0.5/yr
    private static final CompanyTotals TWO_CUSTOMERS = new CompanyTotals(2, new BigDecimal("240.00"), 5,
            new BigDecimal("3.000000000000").add(new BigDecimal("0.500000000000")));

    @Test
    void twoCustomersWithTheDefaults() {
        // APV = 240 / 5 = 48.00; frequency = (3 + 0.5) / 2 customers = 1.75; customer value = 48 × 1.75 = 84.00
        // LTV = 84 × 3 × 1 − 0 = 252.00
        assertEquals("""
                {"currency":"USD","customers":2,"purchases":5,"revenue":240.00,\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"default","acquisitionCost":"default","lifespanYears":"default","retentionCostPerYear":"default"}},\
                "classic":{"averagePurchaseValue":48.00,"purchaseFrequencyPerYear":1.750000,\
                "customerValuePerYear":84.00,"ltv":252.00}}""",
                Json.write(assembler.assemble(TWO_CUSTOMERS, ChosenParameters.defaults(DEFAULTS))));
    }

    @Test
    void twoCustomersWithOverrides() {
        // LTV = 84 × 5 × 0.4 − 25 = 168 − 25 = 143.00; LTV:CAC = 143 / 25 = 5.72
        String body = Json.write(assembler.assemble(TWO_CUSTOMERS,
                overrides.apply(QueryString.parse("grossMargin=0.4&acquisitionCost=25&lifespanYears=5"))));
        assertTrue(body.endsWith("\"classic\":{\"averagePurchaseValue\":48.00,\"purchaseFrequencyPerYear\":1.750000,"
                + "\"customerValuePerYear\":84.00,\"ltv\":143.00,\"ltvToCac\":5.720000}}"), body);
    }

    @Test
    void noCustomerYetHasNoClassicFiguresInsteadOfADivisionByZero() {
        assertEquals("""
                {"currency":"USD","customers":0,"purchases":0,"revenue":0.00,\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"default","acquisitionCost":"default","lifespanYears":"default","retentionCostPerYear":"default"}},\
                "classic":null,"note":"%s"}""".formatted(CompanyMetricsAssembler.NO_CUSTOMERS_NOTE),
                Json.write(assembler.assemble(CompanyTotals.EMPTY, ChosenParameters.defaults(DEFAULTS))));
    }

    @Test
    void onlyRefundsLeftMeansNoCustomerWithAPurchaseAndNoClassicFigures() {
        // a customer whose purchases were deleted keeps a refund: revenue −30.00 but no customer counted
        String body = Json.write(assembler.assemble(new CompanyTotals(0, new BigDecimal("-30.00"), 0, BigDecimal.ZERO),
                ChosenParameters.defaults(DEFAULTS)));
        assertTrue(body.startsWith("{\"currency\":\"USD\",\"customers\":0,\"purchases\":0,\"revenue\":-30.00,"), body);
        assertTrue(body.contains("\"classic\":null"), body);
    }
}
