package dev.ltv.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The segments a customer was assigned, as stored on its state item, with the figures it contributes to the
 * per-segment totals. The totals add what a membership contributes and subtract it again when the membership
 * is replaced, so they stay the exact sums over the stored memberships.
 *
 * @param ids               one id per dimension, in {@link #DIMENSIONS} order (clv and churn absent without a model)
 * @param boundariesVersion the model version whose boundaries assigned it
 * @param revenue           the customer's net revenue when assigned
 * @param ltv               the classic LTV with the deployment's default parameters when assigned
 * @param predictedClv      the predicted CLV when assigned; null when the model could not predict
 */
public record SegmentMembership(List<String> ids, int recencyScore, int frequencyScore, int monetaryScore,
                                long boundariesVersion, BigDecimal revenue, BigDecimal ltv, BigDecimal predictedClv) {

    /** The dimensions, each the prefix of its segment ids ({@code rfm:champions}). */
    public static final List<String> DIMENSIONS = List.of("rfm", "ltv", "clv", "churn");

    public SegmentMembership {
        ids = ordered(Objects.requireNonNull(ids, "ids"));
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(ltv, "ltv");
    }

    public static SegmentMembership of(Segments segments, long boundariesVersion, BigDecimal revenue, BigDecimal ltv,
                                       BigDecimal predictedClv) {
        return new SegmentMembership(segments.ids(), segments.recencyScore(), segments.frequencyScore(),
                segments.monetaryScore(), boundariesVersion, revenue, ltv, predictedClv);
    }

    /** The segment id of one dimension ({@code "rfm"} gives {@code "rfm:champions"}), or null. */
    public String idOf(String dimension) {
        String prefix = dimension + ":";
        for (String id : ids) {
            if (id.startsWith(prefix)) {
                return id;
            }
        }
        return null;
    }

    /** The id's part after the dimension ({@code champions}), or null. */
    public String nameOf(String dimension) {
        String id = idOf(dimension);
        return id == null ? null : id.substring(dimension.length() + 1);
    }

    /** The ids in dimension order, whatever order they came in (a string set has none). */
    private static List<String> ordered(Collection<String> ids) {
        List<String> sorted = new ArrayList<>(ids.size());
        boolean onePerDimension = true;
        for (String dimension : DIMENSIONS) {
            int found = 0;
            for (String id : ids) {
                if (id.startsWith(dimension + ":")) {
                    sorted.add(id);
                    found++;
                }
            }
            onePerDimension &= found <= 1;
        }
        if (!onePerDimension || sorted.size() != ids.size()) {
            throw new IllegalArgumentException("segment ids must be one per dimension " + DIMENSIONS + ": " + ids);
        }
        return List.copyOf(sorted);
    }
}
