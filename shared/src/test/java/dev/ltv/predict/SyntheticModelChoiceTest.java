package dev.ltv.predict;

import dev.ltv.predict.sim.SyntheticHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 customers drawn from each purchase model with known parameters (the CDNOW estimates): the model is
 * fitted back within sampling error, and the holdout scorecard picks the model the data came from.
 *
 * <p>Tolerance as in {@link SyntheticFitBackTest}: within {@value #Z} asymptotic standard errors of the truth on
 * the log scale (the standard errors from the fit's own observed information), which are checked to be small.
 */
class SyntheticModelChoiceTest {

    private static final double Z = 4;
    static final Map<ModelKind, double[]> TRUTH = Map.of(
            ModelKind.BGNBD, new double[] {0.243, 4.414, 0.793, 2.426},
            ModelKind.PARETONBD, new double[] {0.55, 10.58, 0.61, 11.67},
            ModelKind.MBGNBD, new double[] {0.525, 6.183, 0.891, 1.614});
    static final GammaGammaParameters SPEND = new GammaGammaParameters(6, 4, 15);

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void fitsBackAndWinsTheHoldout(ModelKind truth) {
        long start = System.nanoTime();
        HoldoutData data = SyntheticHistories.draw(100_000, truth, TRUTH.get(truth), SPEND, 52, 26, 7);
        ModelSelection.Result result = ModelSelection.select(data, null, TimeUnit.WEEKS,
                Optional.empty());
        for (ModelSelection.Candidate c : result.candidates()) {
            HoldoutScorecard s = c.scorecard().orElseThrow();
            System.out.printf("truth %s: candidate %s rmse %.5f mae %.5f bias %.5f actual %d predicted %.1f%n",
                    truth.id(), c.kind().id(), s.purchasesRmse(), s.purchasesMae(), s.purchasesBias(),
                    s.actualPurchases(), s.predictedPurchases());
        }
        System.out.printf("truth %s: selection took %d ms%n", truth.id(), (System.nanoTime() - start) / 1_000_000);

        ModelSelection.Candidate own = result.candidates().stream().filter(c -> c.kind() == truth).findFirst()
                .orElseThrow();
        PurchaseFit fit = own.calibrationFit().orElseThrow();
        double[] p = fit.parameters();
        for (int i = 0; i < 4; i++) {
            double se = Math.sqrt(fit.logCovariance()[i][i]);
            double z = (Math.log(p[i]) - Math.log(TRUTH.get(truth)[i])) / se;
            System.out.printf("fit-back %s %s: true %.4f fitted %.4f se(log) %.4f z %.2f%n", truth.id(),
                    truth.parameterNames().get(i), TRUTH.get(truth)[i], p[i], se, z);
            assertTrue(se < 0.25, truth.parameterNames().get(i) + ": se(log) " + se + " too large to test anything");
            assertTrue(Math.abs(z) <= Z, truth.parameterNames().get(i) + ": " + z + " standard errors off");
        }
        assertEquals(truth, result.chosen().kind(), "the model the data came from wins the holdout");
    }
}
