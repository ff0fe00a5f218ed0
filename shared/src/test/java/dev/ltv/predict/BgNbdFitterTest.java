package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BgNbdFitterTest {

    /** Rounds to the digits a paper prints, so "equal to the printed digits" is an exact comparison. */
    static String printed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void reproducesThePublishedCdnowFit() {
        BgNbdFit fit = new BgNbdFitter().fit(Cdnow.calibration().toBgNbdData(), TimeUnit.WEEKS);
        BgNbdParameters p = fit.parameters();
        System.out.printf("BG/NBD CDNOW r=%.6f alpha=%.6f a=%.6f b=%.6f LL=%.4f evals=%d%n",
                p.r(), p.alpha(), p.a(), p.b(), fit.logLikelihood(), fit.evaluations());
        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", section 5
        assertEquals("0.243", printed(p.r(), 3));
        assertEquals("4.414", printed(p.alpha(), 3));
        assertEquals("0.793", printed(p.a(), 3));
        assertEquals("2.426", printed(p.b(), 3));
        assertEquals("-9582.4", printed(fit.logLikelihood(), 1));
        assertEquals(2357, fit.customers());
        assertEquals(TimeUnit.WEEKS, p.unit());
    }

    @Test
    void fittingInDaysGivesTheSameModelWithAlphaTimesSeven() {
        RfmSummary days = RfmSummary.fromTransactions(Cdnow.transactions(), Cdnow.CALIBRATION_END, TimeUnit.DAYS);
        BgNbdFit fit = new BgNbdFitter().fit(days.toBgNbdData(), TimeUnit.DAYS);
        assertEquals(4.414 * 7, fit.parameters().alpha(), 0.01);
        assertEquals("0.243", printed(fit.parameters().r(), 3));
        // the likelihood of the same data in days differs by the Jacobian: Σx · ln 7
        int sumX = days.customers().values().stream().mapToInt(Rfm::frequency).sum();
        assertEquals(-9582.4 - sumX * Math.log(7), fit.logLikelihood(), 0.1);
    }

    @Test
    void refusesDataWithoutRepeatPurchases() {
        BgNbdData data = BgNbdData.of(new int[] {0, 0}, new double[] {0, 0}, new double[] {3, 5});
        ModelFitException e = assertThrows(ModelFitException.class, () -> new BgNbdFitter().fit(data, TimeUnit.WEEKS));
        assertTrue(e.getMessage().contains("repeat"), e.getMessage());
    }

    @Test
    void refusesInvalidRows() {
        assertThrows(IllegalArgumentException.class,
                () -> BgNbdData.of(new int[] {1}, new double[] {6}, new double[] {5}));
        assertThrows(IllegalArgumentException.class,
                () -> BgNbdData.of(new int[] {-1}, new double[] {0}, new double[] {5}));
        assertThrows(IllegalArgumentException.class,
                () -> BgNbdData.of(new int[] {0}, new double[] {1}, new double[] {5}));
    }
}
