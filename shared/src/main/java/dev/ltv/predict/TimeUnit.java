package dev.ltv.predict;

/**
 * The unit in which a model measures time (recency, age T, prediction horizons).
 *
 * <p>Every API and every output of this package names its unit, because BG/NBD's scale parameter α and all
 * horizons silently change meaning with it: α fitted in weeks is 1/7 of α fitted in days. Calendar time is
 * counted in whole days; weeks are days / 7, as in the published CDNOW analyses.
 */
public enum TimeUnit {
    DAYS(1.0),
    WEEKS(7.0);

    /** Mean Gregorian month (365.25 / 12 days); used to turn a horizon in months into model time. */
    public static final double DAYS_PER_MONTH = 365.25 / 12.0;

    private final double days;

    TimeUnit(double days) {
        this.days = days;
    }

    /** A duration of whole calendar days expressed in this unit. */
    public double fromDays(long dayCount) {
        return dayCount / days;
    }

    /** A duration in this unit that was made from whole days ({@link #fromDays}), back in whole days. */
    public long toWholeDays(double value) {
        return Math.round(value * days);
    }

    /** Length of one mean month in this unit: 30.4375 days, or 4.348… weeks. */
    public double perMonth() {
        return DAYS_PER_MONTH / days;
    }

    /** Lower-case label used in files and JSON ("days", "weeks"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "days" or "weeks" (any case); anything else is the caller's mistake. */
    public static TimeUnit parse(String text) {
        for (TimeUnit unit : values()) {
            if (unit.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return unit;
            }
        }
        throw new IllegalArgumentException("time unit must be 'days' or 'weeks', not '" + text + "'");
    }
}
