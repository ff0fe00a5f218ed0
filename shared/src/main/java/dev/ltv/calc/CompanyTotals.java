package dev.ltv.calc;

import java.math.BigDecimal;

/**
 * Company-wide sums, kept incrementally beside the per-customer state.
 *
 * @param customers    customers with at least one purchase
 * @param revenue      net revenue of all customers
 * @param purchases    purchases of all customers
 * @param frequencySum sum of the customers' yearly purchase frequencies (each as stored with the customer)
 */
public record CompanyTotals(long customers, BigDecimal revenue, long purchases, BigDecimal frequencySum) {

    public static final CompanyTotals EMPTY = new CompanyTotals(0, BigDecimal.ZERO, 0, BigDecimal.ZERO);

    public CompanyTotals plus(CompanyTotals other) {
        return new CompanyTotals(customers + other.customers, revenue.add(other.revenue),
                purchases + other.purchases, frequencySum.add(other.frequencySum));
    }

    public CompanyTotals minus(CompanyTotals other) {
        return new CompanyTotals(customers - other.customers, revenue.subtract(other.revenue),
                purchases - other.purchases, frequencySum.subtract(other.frequencySum));
    }

    public boolean isZero() {
        return customers == 0 && purchases == 0 && revenue.signum() == 0 && frequencySum.signum() == 0;
    }
}
