package dev.ltv.predict;

/**
 * Discounted customer lifetime value over a horizon, computed month by month as the lifetimes library does:
 * CLV = margin · Σ_{i=1..H} spend · (E[Y(i·m)] − E[Y((i−1)·m)]) / (1+d)^i, where E[Y(t)] is the purchase model's
 * conditional expected number of purchases in the next t, m is one month in the model's time unit
 * ({@link TimeUnit#perMonth()}: 30.4375 days or 4.348 weeks), d the monthly discount rate and spend the
 * Gamma-Gamma expected spend per purchase.
 */
public final class Clv {

    private Clv() {
    }

    /**
     * @param purchases     the fitted purchase model (its unit is the unit of {@code rfm})
     * @param expectedSpend expected spend per future purchase (money)
     * @param rfm           the customer's summary
     * @return the discounted CLV in money
     */
    public static double discounted(PurchaseModel purchases, double expectedSpend, Rfm rfm, ClvSettings settings) {
        TimeUnit unit = purchases.unit();
        if (rfm.unit() != unit) {
            throw new IllegalArgumentException("the customer's summary is in " + rfm.unit().label()
                    + " but the model in " + unit.label());
        }
        double month = unit.perMonth();
        double value = 0;
        double previous = 0;
        for (int i = 1; i <= settings.horizonMonths(); i++) {
            double cumulative = purchases.expectedPurchases(i * month, rfm.frequency(), rfm.recency(), rfm.age());
            value += expectedSpend * (cumulative - previous) / Math.pow(1 + settings.monthlyDiscountRate(), i);
            previous = cumulative;
        }
        return settings.margin() * value;
    }
}
