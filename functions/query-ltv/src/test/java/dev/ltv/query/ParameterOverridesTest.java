package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.calc.LtvParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterOverridesTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final LtvParameters DEFAULTS = new LtvParameters(BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("3"));
    private final ParameterOverrides overrides = new ParameterOverrides(DEFAULTS, USD);

    private ChosenParameters apply(String rawQuery) {
        return overrides.apply(QueryString.parse(rawQuery));
    }

    @Test
    void withoutOverridesEveryParameterIsTheConfiguredDefault() {
        ChosenParameters chosen = apply("");
        assertEquals(DEFAULTS, chosen.parameters());
        assertEquals(ParameterSource.DEFAULT, chosen.grossMargin());
        assertEquals(ParameterSource.DEFAULT, chosen.acquisitionCost());
        assertEquals(ParameterSource.DEFAULT, chosen.lifespanYears());
        assertNull(chosen.annualChurnRate());
    }

    @Test
    void eachOverrideReplacesOnlyItsParameterAndIsMarkedAsFromTheRequest() {
        ChosenParameters margin = apply("grossMargin=0.4");
        assertEquals(new LtvParameters(new BigDecimal("0.4"), BigDecimal.ZERO, new BigDecimal("3")), margin.parameters());
        assertEquals(ParameterSource.REQUEST, margin.grossMargin());
        assertEquals(ParameterSource.DEFAULT, margin.acquisitionCost());
        assertEquals(ParameterSource.DEFAULT, margin.lifespanYears());

        ChosenParameters all = apply("grossMargin=0.4&acquisitionCost=25&lifespanYears=5");
        assertEquals(new LtvParameters(new BigDecimal("0.4"), new BigDecimal("25"), new BigDecimal("5")), all.parameters());
        assertEquals(ParameterSource.REQUEST, all.acquisitionCost());
        assertEquals(ParameterSource.REQUEST, all.lifespanYears());
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        assertEquals(0, apply("grossMargin=0").parameters().grossMargin().signum());
        assertEquals(0, apply("grossMargin=1.000").parameters().grossMargin().compareTo(BigDecimal.ONE));
        assertEquals(0, apply("acquisitionCost=0").parameters().acquisitionCost().signum());
        assertEquals(0, apply("acquisitionCost=19.99").parameters().acquisitionCost().compareTo(new BigDecimal("19.99")));
        // trailing zeros beyond the cent are not extra precision
        assertEquals(0, apply("acquisitionCost=19.9900").parameters().acquisitionCost().compareTo(new BigDecimal("19.99")));
        assertEquals(0, apply("lifespanYears=0.5").parameters().lifespanYears().compareTo(new BigDecimal("0.5")));
    }

    @Test
    void aChurnRateGivesTheLifespanOneOverChurn() {
        // 1 / 0.25 = 4 years
        ChosenParameters chosen = apply("annualChurnRate=0.25");
        assertEquals(0, chosen.parameters().lifespanYears().compareTo(new BigDecimal("4")));
        assertEquals(ParameterSource.REQUEST, chosen.lifespanYears());
        assertEquals(new BigDecimal("0.25"), chosen.annualChurnRate());
        // churn 1: everyone leaves within the year, lifespan 1
        assertEquals(0, apply("annualChurnRate=1").parameters().lifespanYears().compareTo(BigDecimal.ONE));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "grossMargin     | 1.5",
            "grossMargin     | -0.1",
            "grossMargin     | 1.0001",
            "grossMargin     | abc",
            "grossMargin     | ''",
            "grossMargin     | 4e-1",
            "grossMargin     | .4",
            "grossMargin     | '0.4,0.5'",
            "grossMargin     | NaN",
            "acquisitionCost | -1",
            "acquisitionCost | 25.555",
            "acquisitionCost | 1e9",
            "acquisitionCost | 1234567890123456",
            "retentionCostPerYear | -0.01",
            "retentionCostPerYear | 12.345",
            "retentionCostPerYear | 1e3",
            "lifespanYears   | 0",
            "lifespanYears   | 0.000",
            "lifespanYears   | -3",
            "lifespanYears   | Infinity",
            "annualChurnRate | 0",
            "annualChurnRate | 1.01",
            "annualChurnRate | -0.2",
    })
    void anInvalidValueIsA400NamingTheParameter(String name, String value) {
        ApiException e = assertThrows(ApiException.class,
                () -> overrides.apply(new QueryString(Map.of(name, value))));
        assertEquals(400, e.status());
        assertEquals("INVALID_PARAMETER", e.code());
        assertEquals(name, e.field());
    }

    @Test
    void lifespanAndChurnTogetherAreRefusedEvenWhenConsistent() {
        ApiException e = assertThrows(ApiException.class, () -> apply("lifespanYears=4&annualChurnRate=0.25"));
        assertEquals(400, e.status());
        assertEquals("annualChurnRate", e.field());
    }

    @Test
    void aRepeatedParameterIsRefusedRatherThanOneValueWinning() {
        ApiException e = assertThrows(ApiException.class, () -> apply("grossMargin=0.4&grossMargin=0.5"));
        assertEquals("grossMargin", e.field());
    }

    @Test
    void theAllowedDecimalsOfTheAcquisitionCostFollowTheCurrency() {
        ParameterOverrides yen = new ParameterOverrides(DEFAULTS, Currency.getInstance("JPY"));
        assertEquals(0, yen.apply(QueryString.parse("acquisitionCost=2500")).parameters().acquisitionCost()
                .compareTo(new BigDecimal("2500")));
        ApiException e = assertThrows(ApiException.class, () -> yen.apply(QueryString.parse("acquisitionCost=2500.5")));
        assertEquals("acquisitionCost", e.field());
    }

    @Test
    void aRetentionCostOverridesTheConfiguredOneAndIsReportedAsTheRequests() {
        ChosenParameters chosen = apply("retentionCostPerYear=12.50");
        assertEquals(0, chosen.parameters().retentionCostPerYear().compareTo(new BigDecimal("12.5")));
        assertEquals(ParameterSource.REQUEST, chosen.retentionCostPerYear());
        assertEquals(ParameterSource.DEFAULT, chosen.acquisitionCost());
        assertEquals(ParameterSource.DEFAULT, apply("grossMargin=0.5").retentionCostPerYear());
    }
}
