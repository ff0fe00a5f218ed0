package dev.ltv.store;

import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import static dev.ltv.store.PurchaseAttributes.*;

/** Maps purchases to and from purchases-table items (and stream images, once converted to SDK values). */
public final class PurchaseItems {

    private PurchaseItems() {
    }

    public static Map<String, AttributeValue> toItem(Purchase p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CUSTOMER_ID, s(p.customerId()));
        item.put(PURCHASE_ID, s(p.purchaseId()));
        item.put(KIND, s(p.kind().name()));
        item.put(AMOUNT, n(p.amount()));
        item.put(CURRENCY, s(p.currency()));
        item.put(PURCHASED_AT, s(timestamp(p.purchasedAt())));
        item.put(DAY, s(p.day().toString()));
        if (p.channel() != null) {
            item.put(CHANNEL, s(p.channel()));
        }
        if (p.metadataJson() != null) {
            item.put(METADATA, s(p.metadataJson()));
        }
        if (p.refundOf() != null) {
            item.put(REFUND_OF, s(p.refundOf()));
        }
        if (p.kind() == PurchaseKind.PURCHASE) {
            item.put(REFUNDED_AMOUNT, n(p.refundedAmount()));
        }
        return item;
    }

    /**
     * Reads a stored item. Items can be written by anything with access to the table, so every field is
     * checked: a malformed item is reported, never half-read.
     *
     * @throws MalformedItemException naming the attribute and what is wrong with it
     */
    public static Purchase fromItem(Map<String, AttributeValue> item) {
        String kindText = requiredString(item, KIND);
        PurchaseKind kind;
        try {
            kind = PurchaseKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new MalformedItemException(KIND, "is not PURCHASE or REFUND: " + kindText);
        }
        BigDecimal amount = requiredNumber(item, AMOUNT);
        if (amount.signum() <= 0) {
            throw new MalformedItemException(AMOUNT, "must be greater than 0");
        }
        OffsetDateTime purchasedAt;
        LocalDate day;
        try {
            purchasedAt = OffsetDateTime.parse(requiredString(item, PURCHASED_AT));
        } catch (DateTimeParseException e) {
            throw new MalformedItemException(PURCHASED_AT, "is not an ISO-8601 date-time with offset");
        }
        try {
            day = LocalDate.parse(requiredString(item, DAY));
        } catch (DateTimeParseException e) {
            throw new MalformedItemException(DAY, "is not an ISO-8601 date");
        }
        String refundOf = optionalString(item, REFUND_OF);
        if ((kind == PurchaseKind.REFUND) != (refundOf != null)) {
            throw new MalformedItemException(REFUND_OF, "must be present exactly when kind is REFUND");
        }
        BigDecimal refunded = item.containsKey(REFUNDED_AMOUNT) ? requiredNumber(item, REFUNDED_AMOUNT) : BigDecimal.ZERO;
        return new Purchase(requiredString(item, CUSTOMER_ID), requiredString(item, PURCHASE_ID), kind, amount,
                requiredString(item, CURRENCY), purchasedAt, day, optionalString(item, CHANNEL),
                optionalString(item, METADATA), refundOf, refunded);
    }

    /** How purchase times are stored: full ISO-8601 (OffsetDateTime.toString() drops zero seconds). */
    public static String timestamp(OffsetDateTime value) {
        return value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    private static String requiredString(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new MalformedItemException(name, "is missing or not a string");
        }
        return value.s();
    }

    private static String optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (value.s() == null) {
            throw new MalformedItemException(name, "is not a string");
        }
        return value.s();
    }

    private static BigDecimal requiredNumber(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new MalformedItemException(name, "is missing or not a number");
        }
        try {
            return new BigDecimal(value.n());
        } catch (NumberFormatException e) {
            throw new MalformedItemException(name, "is not a decimal number");
        }
    }

    /** A stored item that is not a valid purchase. */
    public static final class MalformedItemException extends RuntimeException {
        public MalformedItemException(String attribute, String problem) {
            super(attribute + " " + problem);
        }
    }
}
