package dev.ltv.predict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a transaction log in CSV: a header line {@code customer_id,date,amount}, then one purchase per line
 * with an ISO date (yyyy-MM-dd) and a non-negative decimal amount. Amounts are parsed exactly (BigDecimal).
 * Any malformed line is rejected with its line number, never skipped silently.
 */
public final class TransactionCsv {

    static final String HEADER = "customer_id,date,amount";

    private TransactionCsv() {
    }

    /** Thrown for malformed input; the message names the line. */
    public static final class FormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        FormatException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    public static List<Transaction> read(Reader reader) {
        List<Transaction> transactions = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String header = in.readLine();
            if (header == null) {
                throw new FormatException(1, "empty file; expected the header '" + HEADER + "'");
            }
            if (!header.strip().replace("\uFEFF", "").equalsIgnoreCase(HEADER)) {
                throw new FormatException(1, "expected the header '" + HEADER + "', found '" + header + "'");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                transactions.add(parse(number, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return transactions;
    }

    private static Transaction parse(int number, String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 3) {
            throw new FormatException(number, "expected 3 fields (customer_id,date,amount), found " + fields.length);
        }
        String customer = fields[0].strip();
        if (customer.isEmpty()) {
            throw new FormatException(number, "customer_id is empty");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(fields[1].strip());
        } catch (DateTimeParseException e) {
            throw new FormatException(number, "date '" + fields[1].strip() + "' is not an ISO date (yyyy-MM-dd)");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(fields[2].strip());
        } catch (NumberFormatException e) {
            throw new FormatException(number, "amount '" + fields[2].strip() + "' is not a decimal number");
        }
        if (amount.signum() < 0) {
            // zero is a real order (free goods, fully discounted); refunds are not part of this log format
            throw new FormatException(number, "amount must not be negative, was " + amount.toPlainString());
        }
        return new Transaction(customer, day, amount);
    }
}
