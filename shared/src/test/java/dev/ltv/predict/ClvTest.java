package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvTest {

    private static final BgNbdModel MODEL = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426,
            TimeUnit.WEEKS));
    private static final Rfm CUSTOMER = new Rfm(2, 213 / 7.0, 272 / 7.0, new BigDecimal("22.345"), TimeUnit.WEEKS);

    @Test
    void withoutDiscountingTheMonthlySumTelescopesToSpendTimesPurchases() {
        double purchases = MODEL.expectedPurchases(12 * 365.25 / 12 / 7, 2, 213 / 7.0, 272 / 7.0);
        assertEquals(25 * purchases, Clv.discounted(MODEL, 25, CUSTOMER, new ClvSettings(12, 0, 1)), 1e-12);
        assertEquals(0.4 * 25 * purchases, Clv.discounted(MODEL, 25, CUSTOMER, new ClvSettings(12, 0, 0.4)), 1e-12);
    }

    @Test
    void discountingWeighsEachMonthByItsPresentValue() {
        double week = 365.25 / 12 / 7;
        double first = MODEL.expectedPurchases(week, 2, 213 / 7.0, 272 / 7.0);
        double second = MODEL.expectedPurchases(2 * week, 2, 213 / 7.0, 272 / 7.0) - first;
        double expected = 25 * (first / 1.1 + second / (1.1 * 1.1));
        assertEquals(expected, Clv.discounted(MODEL, 25, CUSTOMER, new ClvSettings(2, 0.1, 1)), 1e-12);
    }

    @Test
    void unitsMustAgree() {
        Rfm days = new Rfm(2, 213, 272, BigDecimal.TEN, TimeUnit.DAYS);
        assertThrows(IllegalArgumentException.class, () -> Clv.discounted(MODEL, 25, days, new ClvSettings(12, 0, 1)));
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ClvSettings(0, 0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClvSettings(12, -0.01, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClvSettings(12, 0.01, -0.1));
        assertTrue(new ClvSettings(12, 0.01, 0.3).margin() > 0);
    }
}
