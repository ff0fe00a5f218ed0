package dev.ltv.state;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The new state of one customer after a set of day deltas, computed from the old state and the old
 * values of the affected days only. Pure: the caller supplies what was read and writes what comes out.
 *
 * @param before     the state before (null for a new customer)
 * @param after      the state after (null when nothing is left: no day item remains)
 * @param daysBefore the affected days as they were (empty totals for days that did not exist)
 * @param daysAfter  the affected days as they become ({@link DayTotal#isEmpty()} ones are deleted)
 */
public record StateTransition(CustomerState before, CustomerState after,
                              Map<LocalDate, DayTotal> daysBefore, Map<LocalDate, DayTotal> daysAfter) {

    /**
     * @param storedDays the stored values of the days the deltas touch (missing days do not exist yet)
     * @param otherDays  looks up unaffected purchase days when a boundary day loses its last purchase
     * @param remainingDays whether any day item outside the affected days exists (decides whether a
     *                  customer with no purchases left keeps a state item because of leftover refunds)
     */
    public static StateTransition compute(String customerId, CustomerState before, Map<LocalDate, DayTotal> storedDays,
                                          List<DayDelta> deltas, DayIndex otherDays, Instant now) {
        Map<LocalDate, DayTotal> daysBefore = new LinkedHashMap<>();
        Map<LocalDate, DayTotal> daysAfter = new LinkedHashMap<>();
        BigDecimal revenue = before == null ? BigDecimal.ZERO : before.revenue();
        long purchases = before == null ? 0 : before.purchases();
        long purchaseDays = before == null ? 0 : before.purchaseDays();
        for (DayDelta delta : DayDelta.merge(deltas)) {
            DayTotal old = storedDays.getOrDefault(delta.day(), DayTotal.empty(delta.day()));
            DayTotal updated = old.plus(delta);
            if (updated.purchases() < 0) {
                throw new NegativeDayException("day " + delta.day() + " of customer " + customerId + " holds " + old
                        + " and cannot take " + delta + ": a change was applied twice or out of its item's order");
            }
            daysBefore.put(delta.day(), old);
            daysAfter.put(delta.day(), updated);
            revenue = revenue.add(delta.spend());
            purchases += delta.purchases();
            purchaseDays += (updated.isPurchaseDay() ? 1 : 0) - (old.isPurchaseDay() ? 1 : 0);
        }
        if (daysAfter.isEmpty()) {
            return new StateTransition(before, before, daysBefore, daysAfter);
        }

        Set<LocalDate> affected = daysAfter.keySet();
        Optional<DayTotal> first = boundary(before == null ? null : before.firstDay(), before == null ? null : before.firstDaySpend(),
                daysAfter, Comparator.naturalOrder(), day -> otherDays.firstPurchaseDayAfter(day, affected));
        Optional<DayTotal> last = boundary(before == null ? null : before.lastDay(), BigDecimal.ZERO,
                daysAfter, Comparator.reverseOrder(), day -> otherDays.lastPurchaseDayBefore(day, affected));

        long version = before == null ? 0 : before.version();
        // Days without purchases only keep refunds (negative spend), so no purchase and no revenue means no day item left.
        boolean nothingLeft = purchases == 0 && revenue.signum() == 0;
        CustomerState after = nothingLeft ? null : new CustomerState(customerId, revenue, purchases, purchaseDays,
                first.map(DayTotal::day).orElse(null), last.map(DayTotal::day).orElse(null),
                first.map(DayTotal::spend).orElse(BigDecimal.ZERO), version + 1, now,
                first.map(day -> acquisitionChannel(before, day, daysAfter)).orElse(null));
        return new StateTransition(before, after, daysBefore, daysAfter);
    }

    /** The first day's channel rule, on the day as it now is; an untouched first day keeps the stored channel. */
    private static String acquisitionChannel(CustomerState before, DayTotal first, Map<LocalDate, DayTotal> touched) {
        if (before != null && first.day().equals(before.firstDay()) && !touched.containsKey(first.day())
                && before.acquisitionChannel() != null) {
            return before.acquisitionChannel();
        }
        return AcquisitionChannel.fromFirstDay(first.channels());
    }

    /**
     * The boundary purchase day (first or last, by {@code order}) after the change: the best of the old
     * boundary (if untouched) or the next stored one (if the old one was touched), and the touched days
     * that are purchase days now.
     */
    private static Optional<DayTotal> boundary(LocalDate oldBoundary, BigDecimal oldBoundarySpend, Map<LocalDate, DayTotal> touched,
                                               Comparator<LocalDate> order,
                                               Function<LocalDate, Optional<DayTotal>> nextStored) {
        Optional<DayTotal> best = Optional.empty();
        if (oldBoundary != null) {
            DayTotal touchedBoundary = touched.get(oldBoundary);
            if (touchedBoundary == null) {
                best = Optional.of(new DayTotal(oldBoundary, oldBoundarySpend, 1));
            } else if (!touchedBoundary.isPurchaseDay()) {
                // the boundary day lost its last purchase: the next one is among the untouched stored days
                best = nextStored.apply(oldBoundary);
            }
            // else the old boundary is still a purchase day and beats every untouched day: no lookup
        }
        for (DayTotal day : touched.values()) {
            if (day.isPurchaseDay() && (best.isEmpty() || order.compare(day.day(), best.get().day()) < 0)) {
                best = Optional.of(day);
            }
        }
        return best;
    }

    public boolean changesAnything() {
        // identity, not equality: compute() hands back the very same state when the deltas cancel out
        return !daysAfter.isEmpty() || before != after;
    }
}
