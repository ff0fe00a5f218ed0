package dev.ltv.cli.clv;

import dev.ltv.cli.ExitCode;
import dev.ltv.predict.ClvForecast;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaData;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaFitter;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.ModelFitException;
import dev.ltv.predict.ModelSelection;
import dev.ltv.predict.ParameterDraws;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.Transaction;
import dev.ltv.predict.TransactionCsv;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.List;

/**
 * Command line: on a CSV transaction log ({@code customer_id,date,amount}) fits BG/NBD, Pareto/NBD and MBG/NBD
 * on a calibration period, scores each on the holdout that follows, fits the best one (or {@code --model}) and
 * Gamma-Gamma on all data, and writes, into {@code --out}, the RFM summary, the parameters with standard
 * errors, the holdout scorecard and calibration-plot table, and per-customer predictions with intervals (CSV
 * or JSON). Used for backfills, analysts and in tests.
 *
 * <p>Exit codes ({@link ExitCode}): 0 done; 2 bad command line or input (message on stderr, nothing
 * written); 3 I/O failure; 4 data insufficient for the models (the RFM summary is written, the reason on
 * stderr).
 */
public final class ClvCommand {

    public static final String USAGE = ClvOptions.USAGE;

    static final int OK = ExitCode.OK;
    static final int IO_ERROR = ExitCode.FAILURE;
    static final int BAD_INPUT = ExitCode.USAGE;
    static final int INSUFFICIENT_DATA = ExitCode.INSUFFICIENT_DATA;
    /** The default holdout is the last quarter of the observed span, at most 52 weeks. */
    static final long MAX_DEFAULT_HOLDOUT_DAYS = 364;

    private ClvCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        ClvOptions options;
        try {
            options = ClvOptions.parse(args);
        } catch (ClvOptions.UsageException e) {
            err.println("clv: " + e.getMessage());
            err.println(ClvOptions.USAGE);
            return BAD_INPUT;
        }
        List<Transaction> transactions;
        try (Reader reader = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8)) {
            transactions = TransactionCsv.read(reader);
        } catch (NoSuchFileException e) {
            err.println("clv: no such file: " + e.getFile());
            return BAD_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("clv: " + options.input() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("clv: cannot read the transaction log: " + e.getMessage());
            return IO_ERROR;
        }
        if (transactions.isEmpty()) {
            err.println("clv: the transaction log has no purchases");
            return BAD_INPUT;
        }
        LocalDate asOf = options.asOf() != null ? options.asOf()
                : transactions.stream().map(Transaction::day).max(LocalDate::compareTo).orElseThrow();
        RfmSummary summary = RfmSummary.fromTransactions(transactions, asOf, options.unit());
        if (summary.size() == 0) {
            err.println("clv: no purchase on or before the as-of day " + asOf);
            return BAD_INPUT;
        }
        LocalDate first = transactions.stream().map(Transaction::day).filter(d -> !d.isAfter(asOf))
                .min(LocalDate::compareTo).orElseThrow();
        LocalDate calibrationEnd = options.holdoutWeeks() > 0 ? asOf.minusWeeks(options.holdoutWeeks())
                : HoldoutData.defaultCalibrationEnd(first, asOf, MAX_DEFAULT_HOLDOUT_DAYS);
        if (calibrationEnd.isBefore(first)) {
            err.println(options.holdoutWeeks() > 0
                    ? "clv: a holdout of " + options.holdoutWeeks() + " weeks starts before the first purchase ("
                            + first + "); use a shorter --holdout-weeks"
                    : "clv: the log spans " + first + " .. " + asOf + ", too short to keep a holdout");
            return BAD_INPUT;
        }
        ClvWriter writer = new ClvWriter(options.out(), options.format());
        ModelSelection.Result selection = null;
        try {
            Files.createDirectories(options.out());
            writer.writeSummary(summary);
            String refusal = ClvModel.insufficiency(summary);
            ClvForecast forecast = null;
            if (refusal == null) {
                try {
                    HoldoutData holdout = HoldoutData.fromTransactions(transactions, calibrationEnd, asOf,
                            options.unit());
                    selection = ModelSelection.select(holdout, summary.toBgNbdData(), options.unit(), options.model());
                    GammaGammaData spendData = summary.toGammaGammaData();
                    GammaGammaFit spend = new GammaGammaFitter().fit(spendData);
                    // deterministic intervals: the seed depends only on the data's as-of day and the model
                    ParameterDraws draws = ParameterDraws.of(selection.chosen(), spend,
                            GammaGammaFitter.logParameterCovariance(spend, spendData), ParameterDraws.DEFAULT_DRAWS,
                            asOf.toEpochDay() * 31 + selection.chosen().kind().ordinal());
                    forecast = new ClvForecast(selection.chosen(), spend, asOf, draws);
                } catch (ModelFitException e) {
                    refusal = e.getMessage();
                }
            }
            if (refusal != null) {
                err.println("clv: insufficient data for the models: " + refusal);
                return INSUFFICIENT_DATA;
            }
            writer.writeParameters(forecast, options.settings(), options.intervalLevel());
            writer.writeScorecard(selection, calibrationEnd, asOf, forecast.unit());
            writer.writePredictions(summary, forecast, options.settings(), options.intervalLevel());
        } catch (IOException | UncheckedIOException e) {
            err.println("clv: cannot write to " + options.out() + ": " + e.getMessage());
            return IO_ERROR;
        }
        out.println("clv: " + summary.size() + " customers as of " + asOf + " (" + options.unit().label() + "), "
                + "holdout " + calibrationEnd.plusDays(1) + " .. " + asOf + ", model " + selection.chosen().kind().id()
                + ", files in " + options.out());
        return OK;
    }
}
