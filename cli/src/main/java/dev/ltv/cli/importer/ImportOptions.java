package dev.ltv.cli.importer;

import dev.ltv.cli.CommandLine;
import dev.ltv.cli.UsageException;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Parsed command line of {@code ltv import}; see {@link #USAGE}. */
record ImportOptions(Path input, URI api, boolean sigv4, String region,
                     String customerColumn, String dateColumn, String amountColumn,
                     String purchaseIdColumn, String channelColumn, String currencyColumn,
                     String currency, LocalTime timeOfDay, ZoneId zone, String idPrefix,
                     int concurrency, int batchSize, double rate,
                     Path rejects, Path progressFile, boolean restart, ProgressMode progress) {

    enum ProgressMode { AUTO, BAR, LINES, NONE }

    static final URI DEFAULT_API = URI.create("http://127.0.0.1:3000");

    static final String USAGE = """
            usage: ltv import ORDERS.csv [options]
              Posts the orders of a CSV file (with a header row) to POST /purchases of a running stack, in
              batches, idempotently: a re-run or a resumed run imports nothing twice.
              --api URL                  the stack's base URL (default http://127.0.0.1:3000, ./ltv local)
              --sigv4                    sign requests with the default AWS credentials (an AWS_IAM API)
              --region REGION            signing region (default: from an execute-api host name, else the
                                         AWS SDK's region chain)
              --customer-column NAME     default: customer_id, customerId or customer
              --date-column NAME         a date (yyyy-MM-dd) or an ISO-8601 date-time, with or without
                                         offset; default: date, purchased_at, purchasedAt or order_date
              --amount-column NAME       default: amount
              --purchase-id-column NAME  default: purchase_id or purchaseId when present; without one, each
                                         row's id is derived from its content and its position among
                                         identical rows
              --channel-column NAME      default: channel when present
              --currency-column NAME     default: currency when present
              --currency CODE            currency of every row without a currency column (default USD)
              --time-of-day HH:MM[:SS]   time of date-only rows (default 12:00)
              --zone ZONE                zone of date-only rows and date-times without offset (default UTC)
              --id-prefix PREFIX         prefix of derived purchase ids (default imp-)
              --concurrency N            requests in flight, 1-32 (default 4)
              --batch-size N             rows per request, 1-100 (default 100)
              --rate ROWS                at most ROWS rows a second (default: no limit)
              --rejects FILE             refused rows with the API's reason (default ORDERS.rejects.csv)
              --progress-file FILE       the resume position (default ORDERS.import-progress)
              --restart                  ignore a saved position and start at the first row
              --progress auto|bar|lines|none   a bar on a terminal, periodic lines otherwise (default auto)
            exit codes: 0 every row imported (new or already there), 1 some rows refused (see the rejects
              file), 2 usage error, 3 failure (the API unreachable or refusing; the position is saved),
              130 interrupted (the position is saved: run the same command again to resume)""";

    static ImportOptions parse(String[] args) {
        Path input = null;
        URI api = DEFAULT_API;
        boolean sigv4 = false;
        String region = null;
        String customer = null;
        String date = null;
        String amount = null;
        String purchaseId = null;
        String channel = null;
        String currencyColumn = null;
        String currency = "USD";
        LocalTime timeOfDay = LocalTime.NOON;
        ZoneId zone = ZoneId.of("UTC");
        String idPrefix = "imp-";
        int concurrency = 4;
        int batchSize = 100;
        double rate = 0;
        Path rejects = null;
        Path progressFile = null;
        boolean restart = false;
        ProgressMode progress = ProgressMode.AUTO;
        CommandLine line = new CommandLine(args);
        while (line.hasNext()) {
            String arg = line.next();
            if (!CommandLine.isOption(arg)) {
                if (input != null) {
                    throw new UsageException("only one orders file, got '" + input + "' and '" + arg + "'");
                }
                input = Path.of(arg);
                continue;
            }
            if (arg.equals("--sigv4")) {
                line.flag(arg);
                sigv4 = true;
                continue;
            }
            if (arg.equals("--restart")) {
                line.flag(arg);
                restart = true;
                continue;
            }
            String name = arg;
            String value = line.value(name);
            switch (name) {
                case "--api" -> api = api(value);
                case "--region" -> region = value;
                case "--customer-column" -> customer = value;
                case "--date-column" -> date = value;
                case "--amount-column" -> amount = value;
                case "--purchase-id-column" -> purchaseId = value;
                case "--channel-column" -> channel = value;
                case "--currency-column" -> currencyColumn = value;
                case "--currency" -> currency = currency(value);
                case "--time-of-day" -> timeOfDay = timeOfDay(value);
                case "--zone" -> zone = zone(value);
                case "--id-prefix" -> idPrefix = idPrefix(value);
                case "--concurrency" -> concurrency = integer(name, value, 1, 32);
                case "--batch-size" -> batchSize = integer(name, value, 1, 100);
                case "--rate" -> rate = positive(name, value);
                case "--rejects" -> rejects = Path.of(value);
                case "--progress-file" -> progressFile = Path.of(value);
                case "--progress" -> progress = progressMode(value);
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (input == null) {
            throw new UsageException("name the orders file (a CSV with a header row)");
        }
        Path base = input; // messages then name the files as the user did
        String stem = base.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        if (rejects == null) {
            rejects = base.resolveSibling(stem + ".rejects.csv");
        }
        if (progressFile == null) {
            progressFile = base.resolveSibling(stem + ".import-progress");
        }
        return new ImportOptions(input, api, sigv4, region, customer, date, amount, purchaseId, channel, currencyColumn,
                currency, timeOfDay, zone, idPrefix, concurrency, batchSize, rate, rejects, progressFile, restart, progress);
    }

    /** The header names looked for when no column option names one, in order of preference. */
    static List<String> defaultNames(String field) {
        return switch (field) {
            case "customer" -> List.of("customer_id", "customerId", "customer");
            case "date" -> List.of("date", "purchased_at", "purchasedAt", "order_date");
            case "amount" -> List.of("amount");
            case "purchaseId" -> List.of("purchase_id", "purchaseId");
            case "channel" -> List.of("channel");
            case "currency" -> List.of("currency");
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static URI api(String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--api needs an http(s) URL, got '" + value + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--api needs an http(s) URL, got '" + value + "'");
        }
    }

    private static String currency(String value) {
        if (!value.matches("[A-Z]{3}")) {
            throw new UsageException("--currency needs an ISO 4217 code such as USD, got '" + value + "'");
        }
        return value;
    }

    private static LocalTime timeOfDay(String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--time-of-day needs HH:MM or HH:MM:SS, got '" + value + "'");
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (RuntimeException e) {
            throw new UsageException("--zone needs a zone such as UTC, Europe/Berlin or +02:00, got '" + value + "'");
        }
    }

    private static String idPrefix(String value) {
        if (!value.matches("[A-Za-z0-9._:-]{0,64}")) {
            throw new UsageException("--id-prefix may hold up to 64 of A-Z a-z 0-9 . _ : -, got '" + value + "'");
        }
        return value;
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(name + " needs a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static double positive(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(name + " needs a positive number, got '" + value + "'");
    }

    private static ProgressMode progressMode(String value) {
        try {
            return ProgressMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--progress needs auto, bar, lines or none, got '" + value + "'");
        }
    }
}
