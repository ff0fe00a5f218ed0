package dev.ltv.cli.clv;

import dev.ltv.cli.ExitCode;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.FitOutcome;
import dev.ltv.predict.InsufficientData;
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
 * Command line: fits BG/NBD and Gamma-Gamma on a CSV transaction log ({@code customer_id,date,amount}) and
 * writes, into {@code --out}, the RFM summary, the fitted parameters and per-customer predictions (CSV or
 * JSON). Used for backfills and in tests.
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
        ClvWriter writer = new ClvWriter(options.out(), options.format());
        try {
            Files.createDirectories(options.out());
            writer.writeSummary(summary);
            FitOutcome outcome = ClvModel.fit(summary);
            if (outcome instanceof InsufficientData insufficient) {
                err.println("clv: insufficient data for the models: " + insufficient.reason());
                return INSUFFICIENT_DATA;
            }
            ClvModel model = (ClvModel) outcome;
            writer.writeParameters(model, options.settings());
            writer.writePredictions(summary, model, options.settings());
        } catch (IOException | UncheckedIOException e) {
            err.println("clv: cannot write to " + options.out() + ": " + e.getMessage());
            return IO_ERROR;
        }
        out.println("clv: " + summary.size() + " customers as of " + asOf + " (" + options.unit().label() + "), "
                + "files in " + options.out());
        return OK;
    }
}
