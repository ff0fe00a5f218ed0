package dev.ltv.predict;

import dev.ltv.predict.sim.SyntheticCustomers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 customers drawn from known BG/NBD and Gamma-Gamma parameters are fitted back.
 *
 * <p>Tolerance: each estimate must lie within {@value #Z} asymptotic standard errors of the truth, on the
 * log scale, with standard errors from the observed Fisher information of the same sample. Maximum-likelihood
 * estimates are asymptotically normal, so a correct fitter fails one parameter with probability about 6e-5;
 * the seeds are fixed, so the test is deterministic. The standard errors themselves are checked to be
 * small (a few percent), so the band is a real constraint and not a wide net.
 */
class SyntheticFitBackTest {

    private static final double Z = 4;
    private static final BgNbdParameters TRUE_PURCHASES = new BgNbdParameters(0.25, 4.0, 0.8, 2.5, TimeUnit.WEEKS);
    private static final GammaGammaParameters TRUE_SPEND = new GammaGammaParameters(6, 4, 15);

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void fitsBackBothModels(long seed) {
        var sample = SyntheticCustomers.draw(100_000, TRUE_PURCHASES, TRUE_SPEND, 78, false, seed);

        BgNbdData data = sample.bgNbdData();
        BgNbdFit fit = new BgNbdFitter().fit(data, TimeUnit.WEEKS);
        double[] se = BgNbdFitter.logParameterStandardErrors(fit, data);
        BgNbdParameters p = fit.parameters();
        check("r", TRUE_PURCHASES.r(), p.r(), se[0], 0.1);
        check("alpha", TRUE_PURCHASES.alpha(), p.alpha(), se[1], 0.1);
        check("a", TRUE_PURCHASES.a(), p.a(), se[2], 0.1);
        check("b", TRUE_PURCHASES.b(), p.b(), se[3], 0.1);

        GammaGammaData spendData = sample.gammaGammaData();
        GammaGammaFit spend = new GammaGammaFitter().fit(spendData);
        double[] seSpend = GammaGammaFitter.logParameterStandardErrors(spend, spendData);
        check("p", TRUE_SPEND.p(), spend.parameters().p(), seSpend[0], 0.1);
        check("q", TRUE_SPEND.q(), spend.parameters().q(), seSpend[1], 0.1);
        check("gamma", TRUE_SPEND.gamma(), spend.parameters().gamma(), seSpend[2], 0.1);
    }

    private static void check(String name, double truth, double estimate, double logSe, double maxLogSe) {
        double z = (Math.log(estimate) - Math.log(truth)) / logSe;
        System.out.printf("fit-back %s: true %.4f, fitted %.4f, se(log) %.4f, z %.2f%n", name, truth, estimate, logSe, z);
        assertTrue(logSe < maxLogSe, name + ": standard error of log " + logSe + " too large to test anything");
        assertTrue(Math.abs(z) <= Z, name + ": fitted " + estimate + " is " + z + " standard errors from " + truth);
    }
}
