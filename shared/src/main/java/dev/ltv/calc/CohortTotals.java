package dev.ltv.calc;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One acquisition cohort's sums.
 *
 * @param customers       customers whose first purchase day falls in the cohort
 * @param revenue         their net revenue to date
 * @param revenueByMonth  by months since each customer's acquisition month (0, 1, …): the revenue booked to it
 * @param activeByMonth   by months since acquisition: the customers with a purchase in that month
 */
public record CohortTotals(long customers, BigDecimal revenue, SortedMap<Integer, BigDecimal> revenueByMonth,
                           SortedMap<Integer, Long> activeByMonth) {

    public static final CohortTotals EMPTY = new CohortTotals(0, BigDecimal.ZERO, new TreeMap<>(), new TreeMap<>());

    public CohortTotals {
        revenueByMonth = Collections.unmodifiableSortedMap(new TreeMap<>(revenueByMonth));
        activeByMonth = Collections.unmodifiableSortedMap(new TreeMap<>(activeByMonth));
    }

    public CohortTotals plus(CohortTotals other) {
        TreeMap<Integer, BigDecimal> revenues = new TreeMap<>(revenueByMonth);
        other.revenueByMonth.forEach((k, r) -> revenues.merge(k, r, BigDecimal::add));
        TreeMap<Integer, Long> active = new TreeMap<>(activeByMonth);
        other.activeByMonth.forEach((k, a) -> active.merge(k, a, Long::sum));
        return new CohortTotals(customers + other.customers, revenue.add(other.revenue), revenues, active);
    }

    public BigDecimal revenueIn(int monthsSinceAcquisition) {
        return revenueByMonth.getOrDefault(monthsSinceAcquisition, BigDecimal.ZERO);
    }

    public long activeIn(int monthsSinceAcquisition) {
        return activeByMonth.getOrDefault(monthsSinceAcquisition, 0L);
    }

}
