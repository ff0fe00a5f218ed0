package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import static dev.ltv.predict.BgNbdFitterTest.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three purchase models on CDNOW (calibration to 1997-09-30, weeks) against published figures. */
class PurchaseModelsCdnowTest {

    private static final BgNbdData CDNOW = Cdnow.calibration().toBgNbdData();

    @Test
    void paretoNbdReproducesHardiesFigures() {
        PurchaseFit fit = new PurchaseModelFitter().fit(ModelKind.PARETONBD, CDNOW, TimeUnit.WEEKS);
        double[] p = fit.parameters();
        System.out.printf("Pareto/NBD CDNOW r=%.6f alpha=%.6f s=%.6f beta=%.6f LL=%.4f evals=%d se=%s%n",
                p[0], p[1], p[2], p[3], fit.logLikelihood(), fit.evaluations(),
                java.util.Arrays.toString(fit.standardErrors()));
        // Fader, Hardie & Lee (2005), "A note on implementing the Pareto/NBD model in MATLAB" (note 008):
        // r = 0.55, α = 10.58, s = 0.61, β = 11.67, LL = −9595.0
        assertEquals("0.55", printed(p[0], 2));
        assertEquals("10.58", printed(p[1], 2));
        assertEquals("0.61", printed(p[2], 2));
        assertEquals("11.67", printed(p[3], 2));
        assertEquals("-9595.0", printed(fit.logLikelihood(), 1));
        assertEquals(fit.logLikelihood(), ParetoNbdModel.logLikelihood(
                new ParetoNbdParameters(p[0], p[1], p[2], p[3], TimeUnit.WEEKS), CDNOW), 1e-6);
    }

    @Test
    void paretoNbdGradientIsExactOnBothBranches() {
        ParetoNbdLikelihood f = new ParetoNbdLikelihood(CDNOW, 0.3);
        // α > β and α < β take different forms of A0; both must agree with the plain evaluation and its slopes
        for (double[] point : new double[][] {{-0.6, 1.2, -0.5, 0.4}, {-0.6, 0.2, -0.5, 1.4}, {0.3, -1, 0.2, -1}}) {
            double[] gradient = new double[4];
            double value = f.valueAndGradient(point, gradient);
            assertEquals(f.value(point), value, Math.abs(value) * 1e-12);
            for (int i = 0; i < 4; i++) {
                double h = 1e-5;
                double[] plus = point.clone();
                double[] minus = point.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (f.value(plus) - f.value(minus)) / (2 * h);
                assertEquals(numeric, gradient[i], 1e-5 * Math.max(1, Math.abs(numeric)), "coordinate " + i);
            }
        }
    }

    @Test
    void mbgNbdReproducesThePublishedFit() {
        PurchaseFit fit = new PurchaseModelFitter().fit(ModelKind.MBGNBD, CDNOW, TimeUnit.WEEKS);
        double[] p = fit.parameters();
        System.out.printf("MBG/NBD CDNOW r=%.6f alpha=%.6f a=%.6f b=%.6f LL=%.4f evals=%d%n",
                p[0], p[1], p[2], p[3], fit.logLikelihood(), fit.evaluations());
        // lifetimes, tests/test_estimation.py, TestModifiedBetaGammaFitter.test_params_out_is_close_to_BTYDplus
        // (figures of BTYDplus's mbgnbd on the same CDNOW summary): r = 0.525, α = 6.183, a = 0.891, b = 1.614
        assertEquals("0.525", printed(p[0], 3));
        assertEquals("6.183", printed(p[1], 3));
        assertEquals("0.891", printed(p[2], 3));
        assertEquals("1.614", printed(p[3], 3));
        assertEquals(fit.logLikelihood(), MbgNbdModel.logLikelihood(
                new MbgNbdParameters(p[0], p[1], p[2], p[3], TimeUnit.WEEKS), CDNOW), 1e-6);
    }

    @Test
    void bgNbdThroughTheCommonFitterIsTheBgNbdFit() {
        PurchaseFit fit = new PurchaseModelFitter().fit(ModelKind.BGNBD, CDNOW, TimeUnit.WEEKS);
        BgNbdFit direct = new BgNbdFitter().fit(CDNOW, TimeUnit.WEEKS);
        assertEquals(direct.parameters(), fit.asBgNbd().parameters());
        assertEquals(direct.logLikelihood(), fit.logLikelihood(), 0);
        double[] se = BgNbdFitter.logParameterStandardErrors(direct, CDNOW);
        for (int i = 0; i < 4; i++) {
            assertEquals(se[i], Math.sqrt(fit.logCovariance()[i][i]), se[i] * 1e-3);
        }
    }

    @Test
    void oneTimeBuyersAreWrittenOffByParetoAndMbgButNotBgNbd() {
        PurchaseModel bg = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS));
        PurchaseModel pareto = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67, TimeUnit.WEEKS));
        PurchaseModel mbg = new MbgNbdModel(new MbgNbdParameters(0.525, 6.183, 0.891, 1.614, TimeUnit.WEEKS));
        assertEquals(1, bg.probabilityAlive(0, 0, 78));
        double young = pareto.probabilityAlive(0, 0, 1);
        double old = pareto.probabilityAlive(0, 0, 78);
        assertTrue(old < young && old < 1 && old > 0, young + " " + old);
        assertTrue(mbg.probabilityAlive(0, 0, 78) < mbg.probabilityAlive(0, 0, 1));
        // a customer seen buying at T exactly is alive for sure under Pareto/NBD (A0 = 0)
        assertEquals(1, pareto.probabilityAlive(3, 20, 20));
    }

    @Test
    void conditionalExpectationAtZeroHistoryIsTheUnconditionalOne() {
        // for a customer acquired at T = 0 nothing has been learned: E[Y(t) | 0, 0, 0] = E[X(t)]
        PurchaseModel[] models = {
            new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS)),
            new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67, TimeUnit.WEEKS)),
            new MbgNbdModel(new MbgNbdParameters(0.525, 6.183, 0.891, 1.614, TimeUnit.WEEKS)),
        };
        for (PurchaseModel m : models) {
            assertEquals(m.unconditionalExpectedPurchases(39), m.expectedPurchases(39, 0, 0, 0), 1e-9, m.kind().label());
        }
    }
}
