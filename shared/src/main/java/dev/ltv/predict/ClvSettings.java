package dev.ltv.predict;

/**
 * How customer value is projected: over {@code horizonMonths} months, in monthly steps, each month's
 * expected spend discounted by (1 + {@code monthlyDiscountRate})^month and multiplied by the gross
 * {@code margin} (1 = revenue).
 */
public record ClvSettings(int horizonMonths, double monthlyDiscountRate, double margin) {
    public ClvSettings {
        if (horizonMonths < 1 || horizonMonths > 1200) {
            throw new IllegalArgumentException("horizon must be 1..1200 months, was " + horizonMonths);
        }
        if (!(monthlyDiscountRate >= 0 && monthlyDiscountRate < 1)) {
            throw new IllegalArgumentException("monthly discount rate must be in [0, 1), was " + monthlyDiscountRate);
        }
        // a margin of 0 is a legitimate setting (the value is nil), as in the classic formula
        if (!(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException("margin must be in [0, 1], was " + margin);
        }
    }
}
