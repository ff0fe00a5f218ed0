package dev.ltv.predict;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One customer's recency-frequency-monetary summary as the buy-till-you-die models define it.
 *
 * <p>Purchases on the same day count as one purchase (their amounts summed). {@code frequency} x is the
 * number of repeat purchase days (distinct purchase days − 1); {@code recency} t_x is the time from the first
 * to the last purchase day; {@code age} T is the time from the first purchase day to the as-of day (the
 * calibration end, inclusive). Both are in {@code unit}. {@code monetaryValue} is the mean spend of the
 * repeat purchase days, i.e. excluding the first day (which is atypical: acquisition offers), and 0 when x =
 * 0; it is exact decimal money.
 */
public record Rfm(int frequency, double recency, double age, BigDecimal monetaryValue, TimeUnit unit) {

    public Rfm {
        Objects.requireNonNull(monetaryValue, "monetaryValue");
        Objects.requireNonNull(unit, "unit");
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, was " + frequency);
        }
        if (!(recency >= 0 && recency <= age && Double.isFinite(age))) {
            throw new IllegalArgumentException("need 0 <= recency <= age, was recency " + recency + ", age " + age);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("a customer without repeat purchases has recency 0, was " + recency);
        }
        if (monetaryValue.signum() < 0) {
            throw new IllegalArgumentException("monetary value must not be negative, was " + monetaryValue);
        }
    }

    /**
     * Builds the summary from the incremental state a live service keeps per customer, so it never has to
     * re-read the purchase history.
     *
     * @param distinctDays  number of distinct days with a purchase (>= 1)
     * @param firstDay      first purchase day
     * @param lastDay       last purchase day (on or before {@code asOf})
     * @param revenue       total spend over all purchase days
     * @param firstDaySpend spend of the first purchase day (excluded from the monetary value)
     * @param asOf          as-of day, inclusive
     * @param unit          unit for recency and age
     */
    public static Rfm fromState(long distinctDays, LocalDate firstDay, LocalDate lastDay, BigDecimal revenue,
                                BigDecimal firstDaySpend, LocalDate asOf, TimeUnit unit) {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(asOf, "asOf");
        if (distinctDays < 1) {
            throw new IllegalArgumentException("a customer needs at least one purchase day, was " + distinctDays);
        }
        if (lastDay.isBefore(firstDay) || asOf.isBefore(lastDay)) {
            throw new IllegalArgumentException("need firstDay <= lastDay <= asOf, was "
                    + firstDay + ", " + lastDay + ", " + asOf);
        }
        long span = ChronoUnit.DAYS.between(firstDay, lastDay);
        if (distinctDays - 1 > span) {
            throw new IllegalArgumentException(distinctDays + " distinct days cannot fit between " + firstDay
                    + " and " + lastDay);
        }
        if (distinctDays > 1 && span == 0) {
            throw new IllegalArgumentException("several purchase days need lastDay after firstDay");
        }
        if (distinctDays > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many purchase days: " + distinctDays);
        }
        BigDecimal repeatRevenue = revenue.subtract(firstDaySpend);
        BigDecimal monetary = distinctDays == 1 ? BigDecimal.ZERO
                : repeatRevenue.divide(BigDecimal.valueOf(distinctDays - 1), MathContext.DECIMAL128);
        return new Rfm((int) (distinctDays - 1), unit.fromDays(span),
                unit.fromDays(ChronoUnit.DAYS.between(firstDay, asOf)), monetary, unit);
    }
}
