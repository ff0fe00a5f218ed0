package dev.ltv.calc;

import java.math.BigDecimal;

/**
 * The company's figures within one period: what was bought on its business days.
 *
 * @param customers unique customers with at least one purchase in the period (each counted once)
 * @param purchases purchases made in the period
 * @param revenue   net revenue booked to the period's days (purchases minus their refunds)
 */
public record PeriodTotals(long customers, long purchases, BigDecimal revenue) {

    public static final PeriodTotals EMPTY = new PeriodTotals(0, 0, BigDecimal.ZERO);

    public PeriodTotals plus(PeriodTotals other) {
        return new PeriodTotals(customers + other.customers, purchases + other.purchases, revenue.add(other.revenue));
    }
}
