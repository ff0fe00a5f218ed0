package dev.ltv.state;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One business day of one customer: the net spend booked to that day and the purchases made on it.
 * A day with purchases counts as a purchase day (the predictive models count repeat purchase days, not
 * orders); a day whose purchases were all removed but which still carries a refund keeps its spend and
 * counts only in revenue.
 *
 * @param channels the day's purchases per channel ({@link AcquisitionChannel#UNKNOWN} for those without one)
 */
public record DayTotal(LocalDate day, BigDecimal spend, long purchases, Map<String, Long> channels) {

    public DayTotal {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spend, "spend");
        channels = ChannelCounts.normalised(channels);
    }

    public DayTotal(LocalDate day, BigDecimal spend, long purchases) {
        this(day, spend, purchases, Map.of());
    }

    public static DayTotal empty(LocalDate day) {
        return new DayTotal(day, BigDecimal.ZERO, 0);
    }

    public DayTotal plus(DayDelta delta) {
        return new DayTotal(day, spend.add(delta.spend()), purchases + delta.purchases(),
                ChannelCounts.sum(channels, delta.channels()));
    }

    public DayTotal plus(DayTotal other) {
        return new DayTotal(day, spend.add(other.spend()), purchases + other.purchases(),
                ChannelCounts.sum(channels, other.channels()));
    }

    public boolean isPurchaseDay() {
        return purchases > 0;
    }

    /** Nothing left to keep: the item is deleted. */
    public boolean isEmpty() {
        return purchases == 0 && spend.signum() == 0 && channels.isEmpty();
    }
}
