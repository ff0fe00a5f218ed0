package dev.ltv.predict;

import dev.ltv.predict.sim.SyntheticHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Do the 90 % intervals of expected purchases cover the truth 90 % of the time? Many customer bases are drawn
 * from known parameters; each is fitted, and for a fixed set of customer histories the interval from that
 * fit's parameter draws is compared with the expected purchases under the true parameters. The coverage over
 * bases and histories should be near the nominal level (target 85–95 %).
 */
class IntervalCoverageTest {

    private static final int BASES = 100;
    private static final int CUSTOMERS = 2_000;
    private static final double HORIZON = 6 * TimeUnit.WEEKS.perMonth();
    private static final Rfm[] PROBES = {
        new Rfm(0, 0, 30, BigDecimal.ZERO, TimeUnit.WEEKS),
        new Rfm(1, 10, 40, BigDecimal.TEN, TimeUnit.WEEKS),
        new Rfm(3, 25, 30, BigDecimal.TEN, TimeUnit.WEEKS),
        new Rfm(5, 20, 52, BigDecimal.TEN, TimeUnit.WEEKS),
        new Rfm(10, 50, 52, BigDecimal.TEN, TimeUnit.WEEKS),
    };

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void ninetyPercentIntervalsCoverTheTruthAboutNinetyPercentOfTheTime(ModelKind kind) {
        double[] truth = SyntheticModelChoiceTest.TRUTH.get(kind);
        PurchaseModel trueModel = kind.model(truth, TimeUnit.WEEKS);
        ClvSettings settings = new ClvSettings(6, 0, 1); // 6 months = 26.1 weeks
        int covered = 0;
        int total = 0;
        for (int base = 0; base < BASES; base++) {
            HoldoutData data = SyntheticHistories.draw(CUSTOMERS, kind, truth, SyntheticModelChoiceTest.SPEND, 52,
                    1, 1000 + base);
            PurchaseFit fit = new PurchaseModelFitter().fit(kind, data.calibration(), TimeUnit.WEEKS);
            ParameterDraws draws = ParameterDraws.of(fit, null, null, ParameterDraws.DEFAULT_DRAWS, base);
            for (Rfm probe : PROBES) {
                PredictionInterval interval = PredictionInterval.of(draws, probe, settings, 0.9, 1);
                double expected = trueModel.expectedPurchases(HORIZON, probe.frequency(),
                        probe.recency(), probe.age());
                covered += interval.expectedPurchases().contains(expected) ? 1 : 0;
                total++;
            }
        }
        double coverage = (double) covered / total;
        System.out.printf("%s: 90%% intervals of expected purchases (%.1f weeks) cover the truth in %d of %d"
                + " (%.1f%%), %d bases of %d customers%n", kind.label(), HORIZON, covered, total, 100 * coverage,
                BASES, CUSTOMERS);
        assertTrue(coverage >= 0.85 && coverage <= 0.95, "coverage " + coverage);
    }

    @Test
    void drawsAreDeterministicForASeedAndTheIntervalHoldsThePointPrediction() {
        HoldoutData data = SyntheticHistories.draw(CUSTOMERS, ModelKind.BGNBD,
                SyntheticModelChoiceTest.TRUTH.get(ModelKind.BGNBD), SyntheticModelChoiceTest.SPEND, 52, 1, 5);
        PurchaseFit fit = new PurchaseModelFitter().fit(ModelKind.BGNBD, data.calibration(), TimeUnit.WEEKS);
        GammaGammaData spendData = data.calibrationSpend();
        GammaGammaFit spend = new GammaGammaFitter().fit(spendData);
        double[][] spendCovariance = GammaGammaFitter.logParameterCovariance(spend, spendData);
        ClvSettings settings = new ClvSettings(12, 0.01, 1);
        PredictionInterval a = PredictionInterval.of(ParameterDraws.of(fit, spend, spendCovariance, 200, 42),
                PROBES[3], settings, 0.9, 0);
        PredictionInterval b = PredictionInterval.of(ParameterDraws.of(fit, spend, spendCovariance, 200, 42),
                PROBES[3], settings, 0.9, 0);
        assertEquals(a, b);
        PurchaseModel model = fit.model();
        Rfm c = PROBES[3];
        double point = model.expectedPurchases(12 * TimeUnit.WEEKS.perMonth(), c.frequency(), c.recency(), c.age());
        assertTrue(a.expectedPurchases().contains(point), a + " vs " + point);
        double alive = model.probabilityAlive(c.frequency(), c.recency(), c.age());
        assertTrue(a.probabilityAlive().contains(alive), a + " vs " + alive);
        double clv = Clv.discounted(model, spend.model().conditionalExpectedAverageSpend(c.frequency(), 10), c, settings);
        assertTrue(a.clv().contains(clv), a + " vs " + clv);
        assertTrue(a.clv().upper() > a.clv().lower());
    }
}
