package dev.ltv.fit;

import dev.ltv.model.CompanyForecast;
import dev.ltv.model.MeasuredLifespan;
import dev.ltv.model.ModelChoice;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFitter;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.Rfm;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The daily fit's computation on 1,000,000 synthetic customers, as {@link FitPassComputation} runs it after the
 * scan and the holdout reads: BG/NBD and Gamma-Gamma on all data with standard errors, Gamma-Gamma's
 * covariance, every candidate fitted on all data and on the calibration period and scored on the holdout, the
 * choice, the measured lifespan and the company forecast. (In this package to reach the fit's package-private
 * steps; DynamoDB is not part of it.) The customers are drawn from {@code kind} with the CDNOW estimates,
 * observed up to 78 weeks with a 26-week holdout, times in whole days; the all-data summary is the calibration
 * summary (the same size as the as-of summary a live fit uses).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Threads(1)
public class DailyFitBenchmark {

    private static final Map<ModelKind, double[]> CDNOW_ESTIMATES = Map.of(
            ModelKind.BGNBD, new double[] {0.243, 4.414, 0.793, 2.426},
            ModelKind.PARETONBD, new double[] {0.55, 10.58, 0.61, 11.67},
            ModelKind.MBGNBD, new double[] {0.525, 6.183, 0.891, 1.614});
    private static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);

    @State(Scope.Benchmark)
    public static class Million {
        @Param({"BGNBD", "PARETONBD", "MBGNBD"})
        public ModelKind kind;
        HoldoutData holdout;
        RfmSummary all;

        @Setup
        public void draw() {
            HoldoutData weeks = SyntheticHistories.draw(1_000_000, kind, CDNOW_ESTIMATES.get(kind), SPEND, 78, 26, 7);
            int n = weeks.size();
            double[] tx = new double[n];
            double[] t = new double[n];
            Map<String, Rfm> customers = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                long age = Math.max(1, (long) Math.floor(weeks.age()[i] * 7));
                long recency = weeks.frequency()[i] == 0 ? 0 : Math.min(age, (long) Math.floor(weeks.recency()[i] * 7));
                t[i] = age;
                tx[i] = recency;
                customers.put("c-" + i, new Rfm(weeks.frequency()[i], recency, age,
                        BigDecimal.valueOf(weeks.frequency()[i] == 0 ? 0 : weeks.meanSpend()[i]), TimeUnit.DAYS));
            }
            holdout = new HoldoutData(weeks.frequency(), tx, t, weeks.meanSpend(), weeks.holdoutPurchases(),
                    weeks.holdoutSpend(), weeks.span() * 7, TimeUnit.DAYS);
            all = new RfmSummary(AS_OF, TimeUnit.DAYS, customers);
        }
    }

    public record Result(ClvModel base, ModelChoice choice, MeasuredLifespan lifespan, CompanyForecast forecast) {
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public Result dailyFitMillion(Million state) {
        ClvModel base = (ClvModel) ClvModel.fit(state.all);
        double[][] spendCovariance = GammaGammaFitter.logParameterCovariance(base.spend(), state.all.toGammaGammaData());
        ModelChoice choice = CandidateFitting.choose(state.all.toBgNbdData(), TimeUnit.DAYS, state.holdout, null,
                AS_OF.minusWeeks(26), AS_OF, Optional.empty(), spendCovariance, Duration.ofMinutes(10));
        return new Result(base, choice, LifespanMeasure.of(state.all, MeasuredLifespan.DEFAULT_LAPSE_DAYS),
                ForecastSum.of(state.all, choice.chosen().fit().model(), base.spend().model(), 12));
    }
}
