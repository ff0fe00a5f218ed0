package dev.ltv.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A customer's segments under the boundaries in force.
 *
 * @param clvTier   null without a predictive model
 * @param churnRisk null without a predictive model
 */
public record Segments(
        int recencyScore,
        int frequencyScore,
        int monetaryScore,
        RfmSegment rfm,
        ValueTier ltvTier,
        ValueTier clvTier,
        ChurnRisk churnRisk) {

    /** Assigns a customer with the boundaries in force. */
    public static Segments assign(CustomerFigures customer, SegmentBoundaries boundaries) {
        int r = boundaries.recencyScore(customer.daysSinceLastPurchase());
        int f = boundaries.frequencyScore(customer.purchases());
        int m = boundaries.monetaryScore(customer.revenue().doubleValue());
        ValueTier ltvTier = SegmentBoundaries.tier(boundaries.ltv(), customer.ltv().doubleValue());
        ValueTier clvTier = customer.predictedClv() == null || boundaries.predictedClv() == null
                ? null
                : SegmentBoundaries.tier(boundaries.predictedClv(), customer.predictedClv());
        ChurnRisk risk = customer.probabilityAlive() == null ? null : ChurnRisk.of(customer.probabilityAlive());
        return new Segments(r, f, m, RfmSegment.of(r, f), ltvTier, clvTier, risk);
    }

    /**
     * The segment ids a customer belongs to, one per dimension: {@code rfm:champions}, {@code ltv:top-1-percent},
     * {@code clv:top-10-percent}, {@code churn:high}. The ids are what routes filter on and events name.
     */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(4);
        ids.add("rfm:" + slug(rfm.name()));
        ids.add("ltv:" + slug(ltvTier.name()));
        if (clvTier != null) {
            ids.add("clv:" + slug(clvTier.name()));
        }
        if (churnRisk != null) {
            ids.add("churn:" + slug(churnRisk.name()));
        }
        return ids;
    }

    /**
     * Every segment id there is, dimension by dimension, in the enums' order. The per-segment totals number the
     * segments by their place here: a new segment must be added at the end (a new enum constant last, a new
     * dimension after churn), never in between.
     */
    public static List<String> allIds() {
        List<String> ids = new ArrayList<>();
        for (RfmSegment segment : RfmSegment.values()) {
            ids.add("rfm:" + slug(segment.name()));
        }
        for (ValueTier tier : ValueTier.values()) {
            ids.add("ltv:" + slug(tier.name()));
        }
        for (ValueTier tier : ValueTier.values()) {
            ids.add("clv:" + slug(tier.name()));
        }
        for (ChurnRisk risk : ChurnRisk.values()) {
            ids.add("churn:" + slug(risk.name()));
        }
        return ids;
    }

    private static String slug(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
