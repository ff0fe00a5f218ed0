package dev.ltv.predict;

import dev.ltv.predict.sim.SyntheticCustomers;
import org.junit.jupiter.api.Test;

import static dev.ltv.predict.BgNbdFitterTest.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BgNbdModelTest {

    /** The parameters as printed in Fader, Hardie & Lee (2005). */
    private static final BgNbdModel PUBLISHED = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426,
            TimeUnit.WEEKS));

    @Test
    void reproducesThePublishedConditionalExpectation() {
        BgNbdModel fitted = new BgNbdFitter().fit(Cdnow.calibration().toBgNbdData(), TimeUnit.WEEKS).model();
        // section 5: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks
        assertEquals("1.226", printed(fitted.expectedPurchases(39, 2, 30.43, 38.86), 3));
        assertEquals("1.226", printed(PUBLISHED.expectedPurchases(39, 2, 30.43, 38.86), 3));
    }

    @Test
    void probabilityAliveByHand() {
        // 1 / (1 + a/(b+x-1) · ((α+T)/(α+t_x))^(r+x)) with the printed parameters
        assertEquals(0.7265786, PUBLISHED.probabilityAlive(2, 30.43, 38.86), 1e-7);
        assertEquals(1, PUBLISHED.probabilityAlive(0, 0, 38.86));
    }

    @Test
    void unconditionalExpectationMatchesSimulation() {
        // mean repeat purchases of customers observed uniformly over (0, 78] weeks = average of E[X(t)] over t
        BgNbdParameters p = PUBLISHED.parameters();
        int n = 400_000;
        var sample = SyntheticCustomers.draw(n, p, new GammaGammaParameters(6, 4, 15), 78, false, 42);
        double mean = 0;
        double meanSquare = 0;
        for (int x : sample.frequency()) {
            mean += x / (double) n;
            meanSquare += (double) x * x / n;
        }
        double standardError = Math.sqrt((meanSquare - mean * mean) / n);
        int steps = 780; // Simpson's rule on E[X(t)]
        double h = 78.0 / steps;
        double integral = PUBLISHED.unconditionalExpectedPurchases(78);
        for (int i = 1; i < steps; i++) {
            integral += (i % 2 == 1 ? 4 : 2) * PUBLISHED.unconditionalExpectedPurchases(i * h);
        }
        double expected = integral * h / 3 / 78;
        assertEquals(expected, mean, 4 * standardError);
    }

    @Test
    void freshCustomerConditionalEqualsUnconditionalAndAIsHandledNearOne() {
        assertEquals(PUBLISHED.unconditionalExpectedPurchases(52), PUBLISHED.expectedPurchases(52, 0, 0, 0), 1e-12);
        BgNbdModel nearOne = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 1 + 1e-9, 2.426, TimeUnit.WEEKS));
        BgNbdModel below = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 1 - 1e-3, 2.426, TimeUnit.WEEKS));
        BgNbdModel above = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 1 + 1e-3, 2.426, TimeUnit.WEEKS));
        double middle = nearOne.expectedPurchases(39, 2, 30.43, 38.86);
        assertEquals((below.expectedPurchases(39, 2, 30.43, 38.86) + above.expectedPurchases(39, 2, 30.43, 38.86)) / 2,
                middle, 1e-6);
    }

    @Test
    void longHorizonsStayFiniteAndIncreasing() {
        double previous = 0;
        for (double t : new double[] {52, 520, 5200}) {
            double e = PUBLISHED.expectedPurchases(t, 5, 30, 38.86);
            assertEquals(true, e > previous && Double.isFinite(e), "E[Y(" + t + ")] = " + e);
            previous = e;
        }
    }

    @Test
    void refusesImpossibleHistories() {
        assertThrows(IllegalArgumentException.class, () -> PUBLISHED.expectedPurchases(10, 1, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> PUBLISHED.expectedPurchases(-1, 1, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> PUBLISHED.probabilityAlive(0, 2, 4));
    }
}
