package dev.ltv.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CDNOW sample (the repository's copy of the 1/10 transaction log) as the end-to-end tests post it: one
 * purchase per row with an amount the API takes (8 of its 6,919 rows are 0.00, refused), customer {@code cd-<id>},
 * purchase {@code cd-<row>}, at noon UTC.
 */
public final class CdnowSample {

    /** CDNOW's last purchase day. */
    public static final LocalDate LAST_DAY = LocalDate.of(1998, 6, 30);
    /** Customers with a purchase the API takes: CDNOW's 2,357 less the 8 whose only rows are 0.00. */
    public static final int CUSTOMERS = 2349;

    /** @param row the CSV row, 1 for the first below the header */
    public record Row(int row, String customerId, LocalDate day, BigDecimal amount) {

        public String purchaseId() {
            return "cd-" + row;
        }

        /** The purchase as {@code POST /purchases} takes it, with {@code extraMembers} (", \"channel\": …") or "". */
        public String json(String extraMembers) {
            return """
                    {"purchaseId": "%s", "customerId": "%s", "amount": "%s", "currency": "USD", "purchasedAt": "%sT12:00:00Z"%s}"""
                    .formatted(purchaseId(), customerId, amount.toPlainString(), day, extraMembers);
        }
    }

    private CdnowSample() {
    }

    /** The rows the API takes, with their CSV dates. */
    public static List<Row> rows() {
        return rows(0);
    }

    /** The rows the API takes, every date moved by {@code shiftDays} (so that the sample can end yesterday). */
    public static List<Row> rows(long shiftDays) {
        List<String> lines;
        try {
            lines = Files.readAllLines(RepositoryFiles.root().resolve("shared/src/test/resources/cdnow_transactions.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            BigDecimal amount = new BigDecimal(f[2]);
            if (amount.signum() > 0) {
                rows.add(new Row(i, "cd-" + f[0], LocalDate.parse(f[1]).plusDays(shiftDays), amount));
            }
        }
        return rows;
    }

    /** The shift that makes the sample's last day {@code day}. */
    public static long shiftToEndOn(LocalDate day) {
        return ChronoUnit.DAYS.between(LAST_DAY, day);
    }

    /** {@code POST /purchases} bodies of 100 purchases each (the batch limit). */
    public static List<String> batches(List<Row> rows, Function<Row, String> json) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 100) {
            bodies.add("{\"purchases\": [" + String.join(",", rows.subList(from, Math.min(rows.size(), from + 100))
                    .stream().map(json).toList()) + "]}");
        }
        return bodies;
    }

    /** The same with the purchases as they are. */
    public static List<String> batches(List<Row> rows) {
        return batches(rows, row -> row.json(""));
    }
}
