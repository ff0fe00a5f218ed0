package dev.ltv.query;

import dev.ltv.calc.Rounding;
import dev.ltv.model.StoredModel;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.Segments;
import dev.ltv.segment.store.SegmentTotals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON of a customer's segments and of {@code GET /segments}. */
final class SegmentViews {

    private SegmentViews() {
    }

    /** A customer's stored segments; {@code boundariesVersion} is the model version that assigned them. */
    record CustomerSegments(List<String> ids, String rfm, int recencyScore, int frequencyScore, int monetaryScore,
                            String ltvTier, String clvTier, String churnRisk, long boundariesVersion) {

        static CustomerSegments of(SegmentMembership membership) {
            return membership == null ? null : new CustomerSegments(membership.ids(), membership.nameOf("rfm"),
                    membership.recencyScore(), membership.frequencyScore(), membership.monetaryScore(),
                    membership.nameOf("ltv"), membership.nameOf("clv"), membership.nameOf("churn"),
                    membership.boundariesVersion());
        }
    }

    record SegmentList(String currency, long customers, Long boundariesVersion, Boundaries boundaries,
                       List<SegmentSummary> segments) {
    }

    record Boundaries(String asOf, long customers, double[] recencyDays, double[] purchases, double[] revenue,
                      double[] ltv, double[] predictedClv) {

        static Boundaries of(SegmentBoundaries b) {
            return new Boundaries(b.asOf().toString(), b.customers(), b.recencyDays().values(), b.purchases().values(),
                    b.revenue().values(), b.ltv().values(),
                    b.predictedClv() == null ? null : b.predictedClv().values());
        }
    }

    record SegmentSummary(String segment, long customers, BigDecimal share, BigDecimal revenue, BigDecimal averageLtv,
                          BigDecimal averagePredictedClv) {
    }

    /**
     * Every segment id (zeros included) with its sums; {@code customers} is the number of customers with segments
     * (each has exactly one RFM segment, so the RFM counts add up to it).
     */
    static SegmentList list(Map<String, SegmentTotals.Figures> totals, Optional<StoredModel> model, Currency currency) {
        long customers = 0;
        for (Map.Entry<String, SegmentTotals.Figures> entry : totals.entrySet()) {
            if (entry.getKey().startsWith("rfm:")) {
                customers += entry.getValue().customers();
            }
        }
        List<SegmentSummary> segments = new ArrayList<>();
        for (String id : Segments.allIds()) {
            SegmentTotals.Figures figures = totals.getOrDefault(id, SegmentTotals.Figures.EMPTY);
            long n = figures.customers();
            segments.add(new SegmentSummary(id, n,
                    customers == 0 ? BigDecimal.ZERO.setScale(Rounding.RATIO_SCALE)
                            : Rounding.ratio(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(customers), Rounding.INTERMEDIATE)),
                    Rounding.money(figures.revenue(), currency),
                    n == 0 ? null : average(figures.ltvSum(), n, currency),
                    figures.clvCustomers() == 0 ? null : average(figures.clvSum(), figures.clvCustomers(), currency)));
        }
        Optional<SegmentBoundaries> boundaries = model.flatMap(StoredModel::boundaries);
        return new SegmentList(currency.getCurrencyCode(), customers,
                boundaries.isPresent() ? model.get().version() : null, boundaries.map(Boundaries::of).orElse(null),
                segments);
    }

    private static BigDecimal average(BigDecimal sum, long count, Currency currency) {
        return Rounding.money(sum.divide(BigDecimal.valueOf(count), Rounding.INTERMEDIATE), currency);
    }
}
