package dev.ltv.cli.clv;

import dev.ltv.cli.CommandLine;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.TimeUnit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Parsed command line of {@link ClvCommand}. Defaults: as-of = last day in the log, weeks, 12 months, 1 % a
 * month, margin 1, CSV, the model with the best holdout score ({@code model} empty), the default holdout
 * ({@code holdoutWeeks} 0: the last quarter of the observed span, at most 52 weeks), 90 % intervals.
 */
record ClvOptions(Path input, LocalDate asOf, TimeUnit unit, ClvSettings settings, Format format, Path out,
                  Optional<ModelKind> model, int holdoutWeeks, double intervalLevel) {

    static final String USAGE = "usage: ltv clv [--as-of YYYY-MM-DD] [--unit days|weeks] [--horizon-months N]"
            + " [--discount-rate D] [--margin M] [--model auto|bgnbd|paretonbd|mbgnbd] [--holdout-weeks N]"
            + " [--interval LEVEL] [--format csv|json] --out DIR TRANSACTIONS.csv";

    enum Format { CSV, JSON }

    /** Thrown for a malformed command line; the message is for the user. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static ClvOptions parse(String[] args) {
        Path input = null;
        LocalDate asOf = null;
        TimeUnit unit = TimeUnit.WEEKS;
        int horizon = 12;
        double discount = 0.01;
        double margin = 1;
        Format format = Format.CSV;
        Path out = null;
        Optional<ModelKind> model = Optional.empty();
        int holdoutWeeks = 0;
        double level = 0.9;
        CommandLine line = new CommandLine(args);
        while (line.hasNext()) {
            String arg = line.next();
            if (!CommandLine.isOption(arg)) {
                if (input != null) {
                    throw new UsageException("only one transaction log, got '" + input + "' and '" + arg + "'");
                }
                input = Path.of(arg);
                continue;
            }
            String name = arg;
            String value = line.value(name);
            switch (name) {
                case "--as-of" -> asOf = date(value);
                case "--unit" -> unit = unit(value);
                case "--horizon-months" -> horizon = integer(name, value);
                case "--discount-rate" -> discount = number(name, value);
                case "--margin" -> margin = number(name, value);
                case "--format" -> format = format(value);
                case "--out" -> out = Path.of(value);
                case "--model" -> model = model(value);
                case "--holdout-weeks" -> holdoutWeeks = integer(name, value);
                case "--interval" -> level = number(name, value);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (input == null) {
            throw new UsageException("no transaction log given");
        }
        if (out == null) {
            throw new UsageException("--out DIR is required");
        }
        if (holdoutWeeks < 0) {
            throw new UsageException("--holdout-weeks must be positive, was " + holdoutWeeks);
        }
        if (!(level > 0 && level < 1)) {
            throw new UsageException("--interval must be a level between 0 and 1 (e.g. 0.9), was " + level);
        }
        ClvSettings settings;
        try {
            settings = new ClvSettings(horizon, discount, margin);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new ClvOptions(input, asOf, unit, settings, format, out, model, holdoutWeeks, level);
    }

    private static Optional<ModelKind> model(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelKind.parse(value));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model must be auto, bgnbd, paretonbd or mbgnbd, was '" + value + "'");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--as-of must be an ISO date (yyyy-MM-dd), was '" + value + "'");
        }
    }

    private static TimeUnit unit(String value) {
        try {
            return TimeUnit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--unit: " + e.getMessage());
        }
    }

    private static Format format(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "csv" -> Format.CSV;
            case "json" -> Format.JSON;
            default -> throw new UsageException("--format must be csv or json, was '" + value + "'");
        };
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static double number(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, was '" + value + "'");
        }
    }
}
