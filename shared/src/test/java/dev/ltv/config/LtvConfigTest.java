package dev.ltv.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every configuration mistake is a ConfigException naming the variable, never a raw exception. */
class LtvConfigTest {

    private static LtvConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("PURCHASES_TABLE", "p", "LTV_TABLE", "l"));
        env.putAll(extra);
        return LtvConfig.from(Env.of(env));
    }

    private static void refused(String variable, String value) {
        var e = assertThrows(Env.ConfigException.class, () -> config(Map.of(variable, value)));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }

    @Test
    void aBaseCurrencyWithoutMinorUnitIsRefused() {
        refused("BASE_CURRENCY", "XAU");
        refused("BASE_CURRENCY", "XDR");
        assertEquals("JPY", config(Map.of("BASE_CURRENCY", "JPY")).baseCurrency().getCurrencyCode());
        assertEquals("BHD", config(Map.of("BASE_CURRENCY", "BHD")).baseCurrency().getCurrencyCode());
    }

    @Test
    void anAnnualChurnRateOutsideZeroToOneIsRefused() {
        refused("ANNUAL_CHURN_RATE", "0");
        refused("ANNUAL_CHURN_RATE", "1.5");
        refused("ANNUAL_CHURN_RATE", "-0.2");
        assertEquals(0, new BigDecimal("4").compareTo(
                config(Map.of("ANNUAL_CHURN_RATE", "0.25")).ltvParameters().lifespanYears()));
        assertEquals(0, BigDecimal.ONE.compareTo(config(Map.of("ANNUAL_CHURN_RATE", "1")).ltvParameters().lifespanYears()));
    }

    @Test
    void aMalformedDynamoDbEndpointIsRefused() {
        refused("DYNAMODB_ENDPOINT", "http://local host:8000");
        refused("DYNAMODB_ENDPOINT", "http://[::1");
        assertEquals(Optional.of(URI.create("http://localhost:8000")),
                config(Map.of("DYNAMODB_ENDPOINT", "http://localhost:8000")).dynamoDbEndpoint());
        assertEquals(Optional.empty(), config(Map.of()).dynamoDbEndpoint());
    }

    @Test
    void aGrossMarginOfZeroGivesClvSettingsWithoutMargin() {
        assertEquals(0.0, config(Map.of("GROSS_MARGIN", "0")).clvSettings(BigDecimal.ZERO).margin());
    }

    @Test
    void aRetentionCostIsReadAndANegativeOneRefused() {
        assertEquals(0, new BigDecimal("12.50").compareTo(
                config(Map.of("RETENTION_COST_PER_YEAR", "12.50")).ltvParameters().retentionCostPerYear()));
        assertEquals(0, config(Map.of()).ltvParameters().retentionCostPerYear().signum());
        var e = assertThrows(Env.ConfigException.class, () -> config(Map.of("RETENTION_COST_PER_YEAR", "-1")));
        assertTrue(e.getMessage().contains("retentionCostPerYear"), e.getMessage());
    }
}
