package dev.ltv.purchase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One stored purchase or refund.
 *
 * @param purchasedAt    when it happened, with the offset the client sent
 * @param day            the business day it counts for: for a purchase the day of {@code purchasedAt} in the
 *                       business time zone; for a refund the day of the purchase it refunds, so that the
 *                       refund lowers that order's value
 * @param amount         positive, in {@code currency}; a refund's amount is the money returned
 * @param metadataJson   the client's metadata object as JSON text, or null
 * @param refundOf       for a refund, the purchaseId it refunds (same customer); else null
 * @param refundedAmount for a purchase, the sum of its refunds so far (kept by ingest); else zero
 */
public record Purchase(
        String customerId,
        String purchaseId,
        PurchaseKind kind,
        BigDecimal amount,
        String currency,
        OffsetDateTime purchasedAt,
        LocalDate day,
        String channel,
        String metadataJson,
        String refundOf,
        BigDecimal refundedAmount) {

    public Purchase {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(purchaseId, "purchaseId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(purchasedAt, "purchasedAt");
        Objects.requireNonNull(day, "day");
        refundedAmount = refundedAmount == null ? BigDecimal.ZERO : refundedAmount;
        if ((kind == PurchaseKind.REFUND) != (refundOf != null)) {
            throw new IllegalArgumentException("a refund, and only a refund, references the purchase it refunds");
        }
    }

    /**
     * Same client-supplied content: what decides between "duplicate, answer 200" and "conflict, answer 409".
     * Numbers and instants compare by value (19.9 equals 19.90; 10:00+02:00 equals 08:00Z).
     */
    public boolean sameContentAs(Purchase other) {
        return customerId.equals(other.customerId)
                && purchaseId.equals(other.purchaseId)
                && kind == other.kind
                && amount.compareTo(other.amount) == 0
                && currency.equals(other.currency)
                && purchasedAt.toInstant().equals(other.purchasedAt.toInstant())
                && Objects.equals(channel, other.channel)
                && Objects.equals(metadataJson, other.metadataJson)
                && Objects.equals(refundOf, other.refundOf);
    }

    public Purchase withRefundedAmount(BigDecimal value) {
        return new Purchase(customerId, purchaseId, kind, amount, currency, purchasedAt, day, channel, metadataJson,
                refundOf, value);
    }
}
