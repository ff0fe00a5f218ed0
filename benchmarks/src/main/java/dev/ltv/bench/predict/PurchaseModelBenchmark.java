package dev.ltv.bench.predict;

import dev.ltv.predict.BgNbdData;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.ModelSelection;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.PurchaseModelFitter;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import dev.ltv.predict.sim.SyntheticHistories;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.Optional;

/**
 * Fit speed of each purchase model, and of the whole fit with holdout (three calibration fits, the scorecards,
 * the refit of the chosen model), on CDNOW and on 1,000,000 synthetic customers (see BENCHMARKS.md).
 *
 * <p>The synthetic customers are drawn from each model with the CDNOW estimates, observed for up to 78 weeks
 * and a holdout of 26, with times in whole days as a live system records them (identical rows group).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Threads(1)
public class PurchaseModelBenchmark {

    static final Map<ModelKind, double[]> CDNOW_ESTIMATES = Map.of(
            ModelKind.BGNBD, new double[] {0.243, 4.414, 0.793, 2.426},
            ModelKind.PARETONBD, new double[] {0.55, 10.58, 0.61, 11.67},
            ModelKind.MBGNBD, new double[] {0.525, 6.183, 0.891, 1.614});
    static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);

    @State(Scope.Benchmark)
    public static class Cdnow {
        @Param({"BGNBD", "PARETONBD", "MBGNBD"})
        public ModelKind kind;
        BgNbdData data;

        @Setup
        public void load() {
            RfmSummary summary = PredictiveModelBenchmark.cdnow();
            data = summary.toBgNbdData();
        }
    }

    @State(Scope.Benchmark)
    public static class Million {
        @Param({"BGNBD", "PARETONBD", "MBGNBD"})
        public ModelKind kind;
        HoldoutData holdout;

        @Setup
        public void draw() {
            holdout = wholeDays(SyntheticHistories.draw(1_000_000, kind, CDNOW_ESTIMATES.get(kind), SPEND, 78, 26, 7));
        }
    }

    /** The same histories with times truncated to whole days, in days. */
    static HoldoutData wholeDays(HoldoutData weeks) {
        int n = weeks.size();
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.max(1, Math.floor(weeks.age()[i] * 7));
            tx[i] = weeks.frequency()[i] == 0 ? 0 : Math.min(t[i], Math.floor(weeks.recency()[i] * 7));
        }
        return new HoldoutData(weeks.frequency(), tx, t, weeks.meanSpend(), weeks.holdoutPurchases(),
                weeks.holdoutSpend(), weeks.span() * 7, TimeUnit.DAYS);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public PurchaseFit fitCdnow(Cdnow state) {
        return new PurchaseModelFitter().fit(state.kind, state.data, TimeUnit.WEEKS);
    }

    /** One model's fit (with its covariance) on the million customers' calibration columns. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public PurchaseFit fitMillion(Million state) {
        return new PurchaseModelFitter().fit(state.kind, state.holdout.calibration(), TimeUnit.DAYS);
    }

    /**
     * The whole fit with holdout on the million customers drawn from {@code kind}: every model fitted on the
     * calibration columns and scored on the holdout, then the best refitted on all rows (here the same
     * calibration columns: the same size as the as-of columns a live fit would use).
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public ModelSelection.Result fullFitWithHoldoutMillion(Million state) {
        return ModelSelection.select(state.holdout, state.holdout.calibration(), TimeUnit.DAYS, Optional.empty());
    }
}
