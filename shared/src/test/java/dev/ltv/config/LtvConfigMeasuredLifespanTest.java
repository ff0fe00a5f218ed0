package dev.ltv.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LtvConfigMeasuredLifespanTest {

    private static LtvConfig config(String lifespan, String churn) {
        Map<String, String> env = new HashMap<>(Map.of("PURCHASES_TABLE", "p", "LTV_TABLE", "l"));
        env.put("LIFESPAN_YEARS", lifespan);
        if (churn != null) {
            env.put("ANNUAL_CHURN_RATE", churn);
        }
        return LtvConfig.from(Env.of(env));
    }

    @Test
    void measuredAsksForTheFitsLifespan() {
        LtvConfig measured = config("measured", null);
        assertTrue(measured.lifespanMeasured());
        assertEquals(0, new BigDecimal("3").compareTo(measured.ltvParameters().lifespanYears()));
        assertFalse(config("2.5", null).lifespanMeasured());
        // a churn rate replaces the lifespan, measured or not
        LtvConfig churn = config("measured", "0.25");
        assertFalse(churn.lifespanMeasured());
        assertEquals(0, new BigDecimal("4").compareTo(churn.ltvParameters().lifespanYears()));
        assertThrows(Env.ConfigException.class, () -> config("measure", null));
    }
}
