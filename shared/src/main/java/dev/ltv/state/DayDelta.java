package dev.ltv.state;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A change to one day of one customer. Deltas add up, so they can be applied in any order.
 *
 * @param channels the change in the day's purchases per channel (the acquisition channel is read from them)
 */
public record DayDelta(LocalDate day, BigDecimal spend, long purchases, Map<String, Long> channels) {

    public DayDelta {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spend, "spend");
        channels = ChannelCounts.normalised(channels);
    }

    public DayDelta(LocalDate day, BigDecimal spend, long purchases) {
        this(day, spend, purchases, Map.of());
    }

    public DayDelta negate() {
        return new DayDelta(day, spend.negate(), -purchases, ChannelCounts.negated(channels));
    }

    public boolean isZero() {
        return purchases == 0 && spend.signum() == 0 && channels.isEmpty();
    }

    /** Sums deltas per day (days in ascending order) and drops those that cancel out. */
    public static List<DayDelta> merge(Collection<DayDelta> deltas) {
        Map<java.time.LocalDate, DayDelta> byDay = new TreeMap<>();
        for (DayDelta delta : deltas) {
            byDay.merge(delta.day(), delta, (a, b) -> new DayDelta(a.day(), a.spend().add(b.spend()), a.purchases() + b.purchases(),
                    ChannelCounts.sum(a.channels(), b.channels())));
        }
        List<DayDelta> merged = new ArrayList<>();
        for (DayDelta delta : byDay.values()) {
            if (!delta.isZero()) {
                merged.add(delta);
            }
        }
        return merged;
    }
}
