package dev.ltv.ingest;

import dev.ltv.api.ApiException;
import dev.ltv.purchase.BusinessDay;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseCorrection;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.store.Backoff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Corrections and deletions of stored purchases and refunds; they reach the recalculation as MODIFY and REMOVE
 * stream records. Each write is conditioned on what was read before it, so a concurrent refund can never be
 * lost or leave a purchase refunded above its amount; on a changed item the whole decision is made again.
 */
final class PurchaseCorrections {

    static final String PURCHASE_HAS_REFUNDS = "PURCHASE_HAS_REFUNDS";
    static final String AMOUNT_BELOW_REFUNDED = "AMOUNT_BELOW_REFUNDED";
    static final String REFUND_NOT_CORRECTABLE = "REFUND_NOT_CORRECTABLE";
    private static final int MAX_ATTEMPTS = 6;

    private final PurchaseTable table;
    private final ZoneId businessZone;

    PurchaseCorrections(PurchaseTable table, ZoneId businessZone) {
        this.table = table;
        this.businessZone = businessZone;
    }

    StoredPurchase correct(String customerId, String purchaseId, PurchaseCorrection correction) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredPurchase stored = find(customerId, purchaseId);
            Purchase current = stored.purchase();
            if (current.kind() == PurchaseKind.REFUND) {
                throw new ApiException(409, REFUND_NOT_CORRECTABLE, null, purchaseId
                        + " is a refund; refunds are not corrected: delete it and post a new refund");
            }
            BigDecimal amount = correction.amount().orElse(current.amount());
            OffsetDateTime purchasedAt = correction.purchasedAt().orElse(current.purchasedAt());
            if (amount.compareTo(current.refundedAmount()) < 0) {
                throw new ApiException(409, AMOUNT_BELOW_REFUNDED, "amount", "the amount cannot be below what has been "
                        + "refunded already (" + Amounts.text(current.refundedAmount(), current.currency()) + ")");
            }
            LocalDate day = BusinessDay.of(purchasedAt, businessZone);
            if (!day.equals(current.day()) && current.refundedAmount().signum() > 0) {
                // its refunds count for the purchase's day; moving it alone would split them apart
                throw new ApiException(409, PURCHASE_HAS_REFUNDS, "purchasedAt", "the purchase has refunds, which "
                        + "count for its day " + current.day() + "; delete them before moving it to " + day);
            }
            if (amount.compareTo(current.amount()) == 0 && purchasedAt.toInstant().equals(current.purchasedAt().toInstant())) {
                return stored;
            }
            Optional<StoredPurchase> corrected = table.correct(current, amount, purchasedAt, day);
            if (corrected.isPresent()) {
                return corrected.get();
            }
            Backoff.INTERACTIVE.pause(attempt);
        }
        throw new StoreBusyException("purchase " + purchaseId + " kept changing during its correction");
    }

    /** @return the item as it was before deletion */
    StoredPurchase delete(String customerId, String purchaseId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            StoredPurchase stored = find(customerId, purchaseId);
            Purchase current = stored.purchase();
            if (current.kind() == PurchaseKind.PURCHASE) {
                if (current.refundedAmount().signum() > 0) {
                    throw new ApiException(409, PURCHASE_HAS_REFUNDS, null, "the purchase has refunds ("
                            + Amounts.text(current.refundedAmount(), current.currency()) + "); delete them first");
                }
                Optional<StoredPurchase> deleted = table.deleteUnrefundedPurchase(customerId, purchaseId);
                if (deleted.isPresent()) {
                    return deleted.get();
                }
            } else if (deleteRefund(current) == PurchaseTable.Write.DONE) {
                return stored;
            }
            Backoff.INTERACTIVE.pause(attempt);
        }
        throw new StoreBusyException("purchase " + purchaseId + " kept changing during its deletion");
    }

    private PurchaseTable.Write deleteRefund(Purchase refund) {
        Optional<StoredPurchase> original = table.read(refund.customerId(), refund.refundOf());
        if (original.isEmpty()) {
            return table.deleteOrphanRefund(refund);
        }
        Purchase purchase = original.get().purchase();
        BigDecimal lowered = purchase.refundedAmount().subtract(refund.amount()).max(BigDecimal.ZERO);
        return table.deleteRefund(refund, purchase, lowered);
    }

    private StoredPurchase find(String customerId, String purchaseId) {
        return table.read(customerId, purchaseId).orElseThrow(() -> ApiException.notFound(
                "customer " + customerId + " has no purchase " + purchaseId));
    }
}
