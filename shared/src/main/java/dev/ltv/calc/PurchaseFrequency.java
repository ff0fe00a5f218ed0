package dev.ltv.calc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Purchases per year over the observed span, with the span floored at one year.
 *
 * <p>The observed span runs from the first to the last purchase day. Dividing by it directly would
 * annualise bursts: a customer who bought twice in one week would buy 104 times a year, and one whose
 * first and last purchase fall on the same day would have an infinite frequency. So the span counts as at
 * least one year: a customer seen for less than a year buys {@code purchases} times a year; beyond a year
 * the frequency is {@code purchases / years}. A year is 365.25 days.
 */
public final class PurchaseFrequency {

    public static final BigDecimal DAYS_PER_YEAR = new BigDecimal("365.25");

    private PurchaseFrequency() {
    }

    public static long observedSpanDays(LocalDate first, LocalDate last) {
        return ChronoUnit.DAYS.between(first, last);
    }

    /** The span the frequency divides by, in years: at least 1. */
    public static BigDecimal windowYears(LocalDate first, LocalDate last) {
        BigDecimal years = Rounding.divide(BigDecimal.valueOf(observedSpanDays(first, last)), DAYS_PER_YEAR);
        return years.max(BigDecimal.ONE);
    }

    public static BigDecimal perYear(long purchases, LocalDate first, LocalDate last) {
        return Rounding.divide(BigDecimal.valueOf(purchases), windowYears(first, last));
    }
}
