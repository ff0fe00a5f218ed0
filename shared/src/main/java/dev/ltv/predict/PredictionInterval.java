package dev.ltv.predict;

import java.util.Arrays;

/**
 * An interval for one customer's prediction that reflects parameter uncertainty: the quantiles
 * (1 − level)/2 and (1 + level)/2 of the prediction over {@link ParameterDraws}. It does not include the
 * customer's own randomness (how many purchases will actually happen), only how well the data pin the model
 * down, which is what shrinks with more customers.
 */
public record PredictionInterval(double level, Range expectedPurchases, Range probabilityAlive, Range clv) {

    public static final double DEFAULT_LEVEL = 0.9;

    public record Range(double lower, double upper) {
        public boolean contains(double v) {
            return v >= lower && v <= upper;
        }
    }

    /**
     * @param rfm the customer's summary (in the models' unit)
     * @param spendPerPurchase used for the CLV when {@code draws} has no spend models (e.g. no Gamma-Gamma fit)
     */
    public static PredictionInterval of(ParameterDraws draws, Rfm rfm, ClvSettings settings, double level,
                                        double spendPerPurchase) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be in (0, 1), was " + level);
        }
        int n = draws.purchases().size();
        double horizon = settings.horizonMonths() * rfm.unit().perMonth();
        double[] purchases = new double[n];
        double[] alive = new double[n];
        double[] clv = new double[n];
        double m = rfm.monetaryValue().doubleValue();
        for (int k = 0; k < n; k++) {
            PurchaseModel model = draws.purchases().get(k);
            purchases[k] = model.expectedPurchases(horizon, rfm.frequency(), rfm.recency(), rfm.age());
            alive[k] = model.probabilityAlive(rfm.frequency(), rfm.recency(), rfm.age());
            double spend = draws.spend().isEmpty() ? spendPerPurchase
                    : draws.spend().get(k).conditionalExpectedAverageSpend(rfm.frequency(), m);
            clv[k] = Clv.discounted(model, spend, rfm, settings);
        }
        return new PredictionInterval(level, range(purchases, level), range(alive, level), range(clv, level));
    }

    private static Range range(double[] values, double level) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Range(quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2));
    }

    /** Linear interpolation between order statistics (type 7, as R and NumPy default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
