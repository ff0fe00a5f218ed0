package dev.ltv.state;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A change to one day of one customer. Deltas add up, so they can be applied in any order. */
public record DayDelta(LocalDate day, BigDecimal spend, long purchases) {

    public DayDelta {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spend, "spend");
    }

    public DayDelta negate() {
        return new DayDelta(day, spend.negate(), -purchases);
    }

    public boolean isZero() {
        return purchases == 0 && spend.signum() == 0;
    }

    /** Sums deltas per day (days in ascending order) and drops those that cancel out. */
    public static List<DayDelta> merge(Collection<DayDelta> deltas) {
        Map<java.time.LocalDate, DayDelta> byDay = new TreeMap<>();
        for (DayDelta delta : deltas) {
            byDay.merge(delta.day(), delta, (a, b) -> new DayDelta(a.day(), a.spend().add(b.spend()), a.purchases() + b.purchases()));
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
