package dev.ltv.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelCostsTest {

    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void aJsonObjectOfAmounts() {
        assertEquals(Map.of("email", new BigDecimal("12.50"), "partner", new BigDecimal("40")),
                ChannelCosts.parse(" {\"email\": 12.50, \"partner\": 40} ", USD));
        assertEquals(Map.of(), ChannelCosts.parse("{}", USD));
        assertEquals(Map.of(), ChannelCosts.parse("", USD));
    }

    @Test
    void anythingElseStopsTheFunctionAtStartNamingTheVariable() {
        for (String bad : new String[] {"[]", "{\"email\": \"12\"}", "{\"email\": -1}", "{\"email\": 1.234}",
                "{\"email\": 1, \"email\": 2}", "{\"\": 1}", "{\"email\": 1} x", "{\"email\": 1", "12", "{email: 1}"}) {
            Env.ConfigException e = assertThrows(Env.ConfigException.class, () -> ChannelCosts.parse(bad, USD), bad);
            assertTrue(e.getMessage().startsWith("ACQUISITION_COST_BY_CHANNEL must be"), e.getMessage());
        }
        assertThrows(Env.ConfigException.class, () -> ChannelCosts.parse("{\"web\": 1.5}", Currency.getInstance("JPY")));
    }

    @Test
    void theConfigurationReadsIt() {
        LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "p", "LTV_TABLE", "l",
                "ACQUISITION_COST_BY_CHANNEL", "{\"web\": 5}")));
        assertEquals(Map.of("web", new BigDecimal("5")), config.acquisitionCostByChannel());
    }
}
