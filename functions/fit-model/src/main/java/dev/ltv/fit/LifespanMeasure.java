package dev.ltv.fit;

import dev.ltv.model.MeasuredLifespan;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;

/**
 * The measured lifespan from the fit's all-data summary: customers whose last purchase is at least
 * {@code lapseDays} before the as-of day have lapsed; their spans, first to last purchase day, are averaged.
 * O(customers), no read.
 */
final class LifespanMeasure {

    private LifespanMeasure() {
    }

    static MeasuredLifespan of(RfmSummary all, int lapseDays) {
        long lapsed = 0;
        long spanDays = 0;
        for (Rfm rfm : all.customers().values()) {
            long sinceLast = all.unit().toWholeDays(rfm.age() - rfm.recency());
            if (sinceLast >= lapseDays) {
                lapsed++;
                spanDays += all.unit().toWholeDays(rfm.recency());
            }
        }
        return MeasuredLifespan.of(lapseDays, lapsed, spanDays);
    }
}
