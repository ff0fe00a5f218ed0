package dev.ltv.purchase;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A validated correction of a stored purchase: a new amount, a new purchase time, or both. */
public record PurchaseCorrection(Optional<BigDecimal> amount, Optional<OffsetDateTime> purchasedAt) {

    public PurchaseCorrection {
        if (amount.isEmpty() && purchasedAt.isEmpty()) {
            throw new IllegalArgumentException("a correction changes the amount, the purchase time, or both");
        }
    }
}
