package dev.ltv.cli.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltv.cli.UsageException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;

/**
 * Maps the orders file's columns, found by header name, to purchases. Without a purchase id column each
 * row's id is derived: a hash of the mapped fields as written and of the row's position among identical
 * rows (the n-th identical row gets occurrence n), so the same file gives the same ids on every run and
 * two identical orders stay two purchases.
 */
final class OrderMapping {

    private final ImportOptions options;
    private final List<String> header;
    private final int customer;
    private final int date;
    private final int amount;
    private final int purchaseId;
    private final int channel;
    private final int currency;
    private final OccurrenceCounter occurrences = new OccurrenceCounter();

    OrderMapping(List<String> header, ImportOptions options) {
        this.options = options;
        this.header = List.copyOf(header);
        this.customer = column("customer", options.customerColumn(), true, "--customer-column");
        this.date = column("date", options.dateColumn(), true, "--date-column");
        this.amount = column("amount", options.amountColumn(), true, "--amount-column");
        this.purchaseId = column("purchaseId", options.purchaseIdColumn(), false, "--purchase-id-column");
        this.channel = column("channel", options.channelColumn(), false, "--channel-column");
        this.currency = column("currency", options.currencyColumn(), false, "--currency-column");
    }

    List<String> header() {
        return header;
    }

    boolean derivesIds() {
        return purchaseId < 0;
    }

    /** What decides the rows' ids and contents: a saved position only fits the same mapping. */
    String fingerprint() {
        return sha256Hex(String.join("\u001f", header) + "\u001e" + customer + "," + date + "," + amount + ","
                + purchaseId + "," + channel + "," + currency + "\u001e" + options.currency() + "\u001e"
                + options.timeOfDay() + "\u001e" + options.zone() + "\u001e" + options.idPrefix()).substring(0, 16);
    }

    /**
     * The row as a purchase. Must see every row in file order, also those skipped on resume, so that
     * derived ids count identical rows the same way on every run.
     */
    OrderRow map(long number, List<String> fields) {
        String customerId = field(fields, customer);
        String when = field(fields, date);
        String amountText = field(fields, amount);
        String channelText = field(fields, channel);
        String currencyText = field(fields, currency);
        String id = purchaseId >= 0 ? field(fields, purchaseId) : derivedId(customerId, when, amountText, channelText, currencyText);
        OffsetDateTime purchasedAt;
        try {
            purchasedAt = purchasedAt(when);
        } catch (DateTimeParseException e) {
            return new OrderRow(number, fields, null, "INVALID_DATE",
                    header.get(date) + " '" + when + "' is neither a date (yyyy-MM-dd) nor an ISO-8601 date-time");
        }
        ObjectNode purchase = JsonNodeFactory.instance.objectNode();
        putIfPresent(purchase, "purchaseId", id);
        putIfPresent(purchase, "customerId", customerId);
        putIfPresent(purchase, "amount", amountText);
        purchase.put("currency", currencyText.isEmpty() ? options.currency() : currencyText);
        purchase.put("purchasedAt", purchasedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        putIfPresent(purchase, "channel", channelText);
        return new OrderRow(number, fields, purchase, null, null);
    }

    /** A date gets the configured time of day, a date-time without offset the configured zone. */
    OffsetDateTime purchasedAt(String text) {
        if (text.isEmpty()) {
            throw new DateTimeParseException("empty", text, 0);
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atTime(options.timeOfDay()).atZone(options.zone()).toOffsetDateTime();
        }
        // "2026-01-10 10:00:00", as databases export it, is read as "2026-01-10T10:00:00"
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(iso).atZone(options.zone()).toOffsetDateTime();
        }
    }

    private String derivedId(String customerId, String when, String amountText, String channelText, String currencyText) {
        byte[] content = digest(customerId + "\u001f" + when + "\u001f" + amountText + "\u001f" + channelText + "\u001f" + currencyText);
        int occurrence = occurrences.next(ByteBuffer.wrap(content).getLong());
        String hash = sha256Hex(HexFormat.of().formatHex(content) + "#" + occurrence);
        return options.idPrefix() + hash.substring(0, 24);
    }

    private int column(String field, String named, boolean required, String option) {
        if (named != null) {
            int index = indexOf(named);
            if (index < 0) {
                throw new UsageException(option + ": the file has no column '" + named + "' (its columns: " + String.join(", ", header) + ")");
            }
            return index;
        }
        for (String name : ImportOptions.defaultNames(field)) {
            int index = indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        if (required) {
            throw new UsageException("no " + field + " column: the file has " + String.join(", ", header)
                    + "; name it with " + option);
        }
        return -1;
    }

    private int indexOf(String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String field(List<String> fields, int index) {
        return index < 0 || index >= fields.size() ? "" : fields.get(index).trim();
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(name, value);
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }
}
