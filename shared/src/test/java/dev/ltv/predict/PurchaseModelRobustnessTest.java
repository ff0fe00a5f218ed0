package dev.ltv.predict;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Degenerate data give a refusal that names the model and the reason; extreme histories never give NaN. */
class PurchaseModelRobustnessTest {

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void everyCustomerAOneTimeBuyerIsRefusedWithTheReason(ModelKind kind) {
        int n = 500;
        BgNbdData data = BgNbdData.of(new int[n], new double[n], java.util.stream.IntStream.range(0, n)
                .mapToDouble(i -> 1 + i % 50).toArray());
        ModelFitException e = assertThrows(ModelFitException.class,
                () -> new PurchaseModelFitter().fit(kind, data, TimeUnit.WEEKS));
        assertTrue(e.getMessage().startsWith(kind.label() + ":") && e.getMessage().contains("repeat"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void nothingObservedYetIsRefused(ModelKind kind) {
        BgNbdData data = BgNbdData.of(new int[] {0, 0}, new double[] {0, 0}, new double[] {0, 0});
        ModelFitException e = assertThrows(ModelFitException.class,
                () -> new PurchaseModelFitter().fit(kind, data, TimeUnit.WEEKS));
        assertTrue(e.getMessage().contains(kind.label()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void extremeHistoriesGiveFiniteProbabilitiesAndExpectations(ModelKind kind) {
        double[] p = SyntheticModelChoiceTest.TRUTH.get(kind);
        PurchaseModel model = kind.model(p, TimeUnit.DAYS);
        int[] xs = {0, 1, 50, 500, 3000};
        double[] ages = {0, 1, 365, 3650, 36500};
        for (int x : xs) {
            for (double age : ages) {
                for (double recency : new double[] {0, age / 2, age}) {
                    // in days, x repeat purchase days need t_x >= x
                    if ((x == 0 && recency != 0) || x > recency) {
                        continue;
                    }
                    double alive = model.probabilityAlive(x, recency, age);
                    assertTrue(alive >= 0 && alive <= 1, kind + " x=" + x + " T=" + age + " P=" + alive);
                    double e = model.expectedPurchases(365, x, recency, age);
                    assertTrue(e >= 0 && Double.isFinite(e), kind + " x=" + x + " tx=" + recency + " T=" + age + " E=" + e);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void withNothingToScoreTheFirstModelThatFitsAllDataIsUsed() {
        // the calibration period holds one-time buyers only: no model can be scored, BG/NBD still fits all data
        int n = 200;
        HoldoutData holdout = new HoldoutData(new int[n], new double[n],
                java.util.stream.IntStream.range(0, n).mapToDouble(i -> 1 + i % 20).toArray(), new double[n],
                java.util.stream.IntStream.range(0, n).map(i -> i % 3).toArray(), new double[n], 10, TimeUnit.WEEKS);
        var all = dev.ltv.predict.sim.SyntheticHistories.draw(n, ModelKind.BGNBD,
                SyntheticModelChoiceTest.TRUTH.get(ModelKind.BGNBD), SyntheticModelChoiceTest.SPEND, 52, 1, 3)
                .calibration();
        ModelSelection.Result result = ModelSelection.select(holdout, all, TimeUnit.WEEKS, java.util.Optional.empty());
        assertEquals(ModelKind.BGNBD, result.chosen().kind());
        for (ModelSelection.Candidate c : result.candidates()) {
            assertTrue(c.scorecard().isEmpty() && c.refusal().orElseThrow().contains("repeat"), c.toString());
        }
    }
}
