package dev.ltv.segment;

/**
 * Where a customer's value stands in the base: the top 1 %, the next 9 % (top 10 %), the rest of the top half,
 * and the bottom half. Applied to the classic LTV and to the predicted CLV separately.
 */
public enum ValueTier {
    TOP_1_PERCENT("top 1 %", 0.99),
    TOP_10_PERCENT("top 10 %", 0.90),
    TOP_50_PERCENT("top 50 %", 0.50),
    BOTTOM_50_PERCENT("bottom 50 %", 0.0);

    private final String label;
    private final double fromQuantile;

    ValueTier(String label, double fromQuantile) {
        this.label = label;
        this.fromQuantile = fromQuantile;
    }

    public String label() {
        return label;
    }

    /** The quantile of the base's values from which this tier starts (0.99 for the top 1 %). */
    public double fromQuantile() {
        return fromQuantile;
    }
}
