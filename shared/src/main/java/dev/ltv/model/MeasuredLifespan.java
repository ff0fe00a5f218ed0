package dev.ltv.model;

/**
 * The average customer lifespan measured on the data: the mean span, first to last purchase day, of the
 * customers who have lapsed (no purchase for {@code lapseDays} up to the fit's as-of day), in years of 365.25
 * days. One-time buyers who lapsed count with a span of 0: they kept buying for no time at all.
 *
 * @param years           the mean span; null when fewer than {@link #MIN_LAPSED_CUSTOMERS} customers have lapsed
 * @param lapsedCustomers how many lapsed customers it rests on
 */
public record MeasuredLifespan(int lapseDays, long lapsedCustomers, Double years) {

    /** Below this many lapsed customers a mean span is mostly noise: the figure is INSUFFICIENT_DATA. */
    public static final int MIN_LAPSED_CUSTOMERS = 30;
    public static final int DEFAULT_LAPSE_DAYS = 365;
    public static final double DAYS_PER_YEAR = 365.25;

    public MeasuredLifespan {
        if (lapseDays < 1) {
            throw new IllegalArgumentException("lapseDays must be at least 1, was " + lapseDays);
        }
        if (years != null && !(years >= 0 && Double.isFinite(years))) {
            throw new IllegalArgumentException("a lifespan is finite and not negative, was " + years);
        }
        if ((years != null) != (lapsedCustomers >= MIN_LAPSED_CUSTOMERS)) {
            throw new IllegalArgumentException("a measured lifespan needs at least " + MIN_LAPSED_CUSTOMERS
                    + " lapsed customers, and is given whenever there are");
        }
    }

    /** From the sum of the lapsed customers' spans in days. */
    public static MeasuredLifespan of(int lapseDays, long lapsedCustomers, long spanDaysSum) {
        return new MeasuredLifespan(lapseDays, lapsedCustomers, lapsedCustomers < MIN_LAPSED_CUSTOMERS ? null
                : spanDaysSum / DAYS_PER_YEAR / lapsedCustomers);
    }

    public boolean measured() {
        return years != null;
    }

    /** Why there is no figure (only when {@link #measured()} is false). */
    public String reason() {
        return "only " + lapsedCustomers + " customers have lapsed (no purchase for "
                + lapseDays + " days); a measured lifespan needs at least " + MIN_LAPSED_CUSTOMERS;
    }
}
