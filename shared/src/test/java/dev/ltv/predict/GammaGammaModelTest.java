package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GammaGammaModelTest {

    private static final GammaGammaModel PUBLISHED = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));

    @Test
    void conditionalSpendByHand() {
        // p(γ + x m̄)/(px + q − 1) = 6.25 · (15.44 + 2 · 22.345) / (12.5 + 2.74)
        assertEquals(24.659612860892384, PUBLISHED.conditionalExpectedAverageSpend(2, 22.345), 1e-12);
        // pγ/(q − 1) = 6.25 · 15.44 / 2.74
        assertEquals(35.21897810218978, PUBLISHED.conditionalExpectedAverageSpend(0, 0), 1e-12);
    }

    @Test
    void refusesQAtMostOne() {
        assertThrows(IllegalArgumentException.class, () -> new GammaGammaModel(new GammaGammaParameters(6, 1, 15)));
    }
}
