package dev.ltv.predict;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** The CDNOW 1/10 sample and its calibration period as published (ends 1997-09-30 inclusive, weeks). */
final class Cdnow {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static List<Transaction> transactions;

    private Cdnow() {
    }

    static synchronized List<Transaction> transactions() {
        if (transactions == null) {
            try (var in = new InputStreamReader(Objects.requireNonNull(
                    Cdnow.class.getResourceAsStream("/cdnow_transactions.csv")), StandardCharsets.UTF_8)) {
                transactions = List.copyOf(TransactionCsv.read(in));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return transactions;
    }

    static RfmSummary calibration() {
        return RfmSummary.fromTransactions(transactions(), CALIBRATION_END, TimeUnit.WEEKS);
    }
}
