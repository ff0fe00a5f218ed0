package dev.ltv.purchase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A purchase or refund as a client sent it, already validated: every field follows {@link PurchaseValidator}'s
 * rules. What the service adds (the business day, the refunded amount, the time received) is not here.
 *
 * @param amount       scaled to the currency's minor unit (19.9 USD becomes 19.90)
 * @param metadataJson the metadata object as canonical JSON text (keys sorted), or null
 */
public record PurchaseInput(
        String customerId,
        String purchaseId,
        PurchaseKind kind,
        BigDecimal amount,
        String currency,
        OffsetDateTime purchasedAt,
        String channel,
        String metadataJson,
        String refundOf) {

    /** The purchase to store, counting for {@code day} and not refunded yet. */
    public Purchase toPurchase(LocalDate day) {
        return new Purchase(customerId, purchaseId, kind, amount, currency, purchasedAt, day, channel, metadataJson,
                refundOf, BigDecimal.ZERO);
    }

    /** Same client-supplied content, with the rules of {@link Purchase#sameContentAs(Purchase)}. */
    public boolean sameContentAs(PurchaseInput other) {
        LocalDate any = LocalDate.EPOCH;
        return toPurchase(any).sameContentAs(other.toPurchase(any));
    }
}
