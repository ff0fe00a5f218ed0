package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import static dev.ltv.predict.BgNbdFitterTest.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GammaGammaFitterTest {

    @Test
    void reproducesThePublishedCdnowFit() {
        GammaGammaData data = Cdnow.calibration().toGammaGammaData();
        assertEquals(946, data.size());
        GammaGammaFit fit = new GammaGammaFitter().fit(data);
        GammaGammaParameters p = fit.parameters();
        System.out.printf("GG CDNOW p=%.6f q=%.6f gamma=%.6f LL=%.4f evals=%d%n", p.p(), p.q(), p.gamma(),
                fit.logLikelihood(), fit.evaluations());
        // Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis"
        assertEquals("6.25", printed(p.p(), 2));
        assertEquals("3.74", printed(p.q(), 2));
        assertEquals("15.44", printed(p.gamma(), 2));
    }

    @Test
    void refusesTooFewCustomers() {
        GammaGammaData data = GammaGammaData.of(new int[] {1, 2, 3}, new double[] {10, 20, 30});
        ModelFitException e = assertThrows(ModelFitException.class, () -> new GammaGammaFitter().fit(data));
        assertTrue(e.getMessage().contains("at least 10"), e.getMessage());
    }

    @Test
    void refusesNonPositiveSpendAndFirstPurchaseOnlyCustomers() {
        assertThrows(IllegalArgumentException.class, () -> GammaGammaData.of(new int[] {1}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> GammaGammaData.of(new int[] {0}, new double[] {5}));
    }
}
