package dev.ltv.bench.predict;

import dev.ltv.predict.BgNbdData;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdFitter;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaFitter;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.PredictionResult;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import dev.ltv.predict.TransactionCsv;
import dev.ltv.predict.sim.SyntheticCustomers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Fit and scoring speed of the predictive models (see BENCHMARKS.md, "Predictive models").
 *
 * <p>CDNOW fits are timed from the RFM summary (building the grouped columns included), as the Python
 * reference times {@code fit} on its summary frame. The million-customer fits include grouping identical rows.
 * Scoring is one customer's full prediction (expected purchases, P(alive), expected spend, 12-month CLV) on
 * one thread, i.e. per core.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class PredictiveModelBenchmark {

    static final LocalDate CDNOW_CALIBRATION_END = LocalDate.of(1997, 9, 30);

    static RfmSummary cdnow() {
        try (var in = new InputStreamReader(Objects.requireNonNull(
                PredictiveModelBenchmark.class.getResourceAsStream("/cdnow_transactions.csv")), StandardCharsets.UTF_8)) {
            return RfmSummary.fromTransactions(TransactionCsv.read(in), CDNOW_CALIBRATION_END, TimeUnit.WEEKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @State(Scope.Benchmark)
    public static class Cdnow {
        RfmSummary summary;

        @Setup
        public void load() {
            summary = cdnow();
        }
    }

    /** One million customers from the published CDNOW parameters, over 78 weeks. */
    @State(Scope.Benchmark)
    public static class Million {
        static final BgNbdParameters PURCHASES = new BgNbdParameters(0.243, 4.414 * 7, 0.793, 2.426, TimeUnit.DAYS);
        static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);
        SyntheticCustomers.Sample wholeDays;
        SyntheticCustomers.Sample continuous;

        @Setup
        public void draw() {
            wholeDays = SyntheticCustomers.draw(1_000_000, PURCHASES, SPEND, 546, true, 7);
            continuous = SyntheticCustomers.draw(1_000_000, PURCHASES, SPEND, 546, false, 7);
        }
    }

    @State(Scope.Benchmark)
    public static class Scoring {
        ClvModel model;
        Rfm[] customers;
        ClvSettings settings = new ClvSettings(12, 0.01, 1);
        int next;

        @Setup
        public void fit() {
            RfmSummary summary = cdnow();
            model = (ClvModel) ClvModel.fit(summary);
            customers = summary.customers().values().toArray(Rfm[]::new);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public BgNbdFit bgNbdFitCdnow(Cdnow state) {
        return new BgNbdFitter().fit(state.summary.toBgNbdData(), TimeUnit.WEEKS);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public GammaGammaFit gammaGammaFitCdnow(Cdnow state) {
        return new GammaGammaFitter().fit(state.summary.toGammaGammaData());
    }

    /** Times in whole days, as a live system records them: identical rows group. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 3)
    public BgNbdFit bgNbdFitMillionWholeDays(Million state) {
        SyntheticCustomers.Sample s = state.wholeDays;
        return new BgNbdFitter().fit(BgNbdData.of(s.frequency(), s.recency(), s.age()), TimeUnit.DAYS);
    }

    /** Worst case: continuous times, every row distinct. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 3)
    public BgNbdFit bgNbdFitMillionContinuous(Million state) {
        SyntheticCustomers.Sample s = state.continuous;
        return new BgNbdFitter().fit(BgNbdData.of(s.frequency(), s.recency(), s.age()), TimeUnit.DAYS);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 3)
    public GammaGammaFit gammaGammaFitMillion(Million state) {
        return new GammaGammaFitter().fit(state.wholeDays.gammaGammaData());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public PredictionResult scoreOneCustomer(Scoring state) {
        Rfm customer = state.customers[state.next];
        state.next = (state.next + 1) % state.customers.length;
        return state.model.predict(customer, state.settings);
    }
}
