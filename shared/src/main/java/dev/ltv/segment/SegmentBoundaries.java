package dev.ltv.segment;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The boundaries that need the whole customer base, computed by the daily pass and stored with the model version.
 *
 * @param recencyDays  quintile cuts (4) of the days since the last purchase
 * @param purchases    quintile cuts (4) of the purchase counts
 * @param revenue      quintile cuts (4) of the net revenue to date
 * @param ltv          value-tier cuts (3: the 50th, 90th and 99th percentiles) of the classic LTV
 * @param predictedClv value-tier cuts (3) of the predicted CLV; null when no model is fitted
 * @param customers    how many customers the boundaries were computed over
 * @param asOf         the day the recencies were measured on
 */
public record SegmentBoundaries(
        Cuts recencyDays,
        Cuts purchases,
        Cuts revenue,
        Cuts ltv,
        Cuts predictedClv,
        long customers,
        LocalDate asOf) {

    /** The quantiles of the RFM scores' cuts: score s covers the s-th fifth of the base. */
    public static final double[] QUINTILES = {0.2, 0.4, 0.6, 0.8};
    /** The quantiles of the value tiers' cuts, ascending (bottom 50 % | top 50 % | top 10 % | top 1 %). */
    public static final double[] TIER_QUANTILES = {
            ValueTier.TOP_50_PERCENT.fromQuantile(), ValueTier.TOP_10_PERCENT.fromQuantile(),
            ValueTier.TOP_1_PERCENT.fromQuantile()};

    public SegmentBoundaries {
        requireSize(recencyDays, QUINTILES.length, "recencyDays");
        requireSize(purchases, QUINTILES.length, "purchases");
        requireSize(revenue, QUINTILES.length, "revenue");
        requireSize(ltv, TIER_QUANTILES.length, "ltv");
        if (predictedClv != null) {
            requireSize(predictedClv, TIER_QUANTILES.length, "predictedClv");
        }
        Objects.requireNonNull(asOf, "asOf");
        if (customers < 0) {
            throw new IllegalArgumentException("customers must not be negative");
        }
    }

    private static void requireSize(Cuts cuts, int size, String name) {
        Objects.requireNonNull(cuts, name);
        if (cuts.size() != size) {
            throw new IllegalArgumentException(name + " needs " + size + " cuts, has " + cuts.size());
        }
    }

    /** Recency score 1–5: 5 for the most recent fifth of the base (fewest days since the last purchase). */
    public int recencyScore(long daysSinceLastPurchase) {
        return 5 - recencyDays.above(daysSinceLastPurchase);
    }

    /** Frequency score 1–5: 5 for the fifth of the base with the most purchases. */
    public int frequencyScore(long purchaseCount) {
        return 1 + purchases.above(purchaseCount);
    }

    /** Monetary score 1–5: 5 for the fifth of the base with the highest revenue. */
    public int monetaryScore(double netRevenue) {
        return 1 + revenue.above(netRevenue);
    }

    public static ValueTier tier(Cuts cuts, double value) {
        return switch (cuts.above(value)) {
            case 3 -> ValueTier.TOP_1_PERCENT;
            case 2 -> ValueTier.TOP_10_PERCENT;
            case 1 -> ValueTier.TOP_50_PERCENT;
            default -> ValueTier.BOTTOM_50_PERCENT;
        };
    }
}
