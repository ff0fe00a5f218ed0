package dev.ltv.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LtvConfigClvTest {

    private static LtvConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("PURCHASES_TABLE", "p", "LTV_TABLE", "l"));
        env.putAll(extra);
        return LtvConfig.from(Env.of(env));
    }

    @Test
    void defaultsMatchTheTemplate() {
        LtvConfig config = config(Map.of());
        assertEquals(12, config.clvHorizonMonths());
        assertEquals(new BigDecimal("0.01"), config.clvMonthlyDiscountRate());
    }

    @Test
    void settingsTakeTheHorizonTheRateAndTheGivenMargin() {
        var settings = config(Map.of("CLV_HORIZON_MONTHS", "36", "CLV_MONTHLY_DISCOUNT_RATE", "0.005", "GROSS_MARGIN", "0.3"))
                .clvSettings(new BigDecimal("0.3"));
        assertEquals(36, settings.horizonMonths());
        assertEquals(0.005, settings.monthlyDiscountRate());
        assertEquals(0.3, settings.margin());
    }

    @Test
    void refusesOutOfRangeValues() {
        var horizon = assertThrows(Env.ConfigException.class, () -> config(Map.of("CLV_HORIZON_MONTHS", "0")));
        assertTrue(horizon.getMessage().contains("CLV_HORIZON_MONTHS"), horizon.getMessage());
        assertThrows(Env.ConfigException.class, () -> config(Map.of("CLV_HORIZON_MONTHS", "601")));
        var rate = assertThrows(Env.ConfigException.class, () -> config(Map.of("CLV_MONTHLY_DISCOUNT_RATE", "1")));
        assertTrue(rate.getMessage().contains("CLV_MONTHLY_DISCOUNT_RATE"), rate.getMessage());
        assertThrows(Env.ConfigException.class, () -> config(Map.of("CLV_MONTHLY_DISCOUNT_RATE", "-0.01")));
    }
}
