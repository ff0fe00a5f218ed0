package dev.ltv.segment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What segmenting a customer looks at.
 *
 * @param daysSinceLastPurchase days from the last purchase day to the as-of day, ≥ 0
 * @param purchases             purchases to date (refunds do not count), ≥ 1
 * @param revenue               net revenue to date
 * @param ltv                   the classic LTV with the configured parameters
 * @param predictedClv          the predicted CLV of the latest model; null without a model
 * @param probabilityAlive      the latest model's P(alive); null without a model
 */
public record CustomerFigures(
        long daysSinceLastPurchase,
        long purchases,
        BigDecimal revenue,
        BigDecimal ltv,
        Double predictedClv,
        Double probabilityAlive) {

    public CustomerFigures {
        if (daysSinceLastPurchase < 0) {
            throw new IllegalArgumentException("daysSinceLastPurchase must not be negative");
        }
        if (purchases < 1) {
            throw new IllegalArgumentException("a customer without purchases has no segments");
        }
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(ltv, "ltv");
        if ((predictedClv == null) != (probabilityAlive == null)) {
            throw new IllegalArgumentException("predictedClv and probabilityAlive come from one model: both or neither");
        }
    }
}
