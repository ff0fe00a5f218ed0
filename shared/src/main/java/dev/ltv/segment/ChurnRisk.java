package dev.ltv.segment;

/**
 * Churn risk from the predictive model's probability that the customer is still active (P(alive)). Absolute
 * thresholds rather than quantiles: "below 0.5" means the model thinks the customer more likely gone than not,
 * whatever the rest of the base does.
 */
public enum ChurnRisk {
    /** P(alive) ≥ 0.8. */
    LOW,
    /** 0.5 ≤ P(alive) &lt; 0.8. */
    MEDIUM,
    /** P(alive) &lt; 0.5: more likely gone than active: the win-back list. */
    HIGH;

    public static final double HIGH_BELOW = 0.5;
    public static final double LOW_FROM = 0.8;

    public static ChurnRisk of(double probabilityAlive) {
        if (!(probabilityAlive >= 0 && probabilityAlive <= 1)) {
            throw new IllegalArgumentException("P(alive) must be within [0, 1], was " + probabilityAlive);
        }
        if (probabilityAlive < HIGH_BELOW) {
            return HIGH;
        }
        return probabilityAlive < LOW_FROM ? MEDIUM : LOW;
    }
}
