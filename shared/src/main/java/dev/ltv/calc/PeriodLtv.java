package dev.ltv.calc;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The classic definition on one period's figures:
 *
 * <pre>
 * average purchase value = revenue in the period / purchases in the period
 * purchase frequency     = purchases in the period / unique customers who bought in the period, per year:
 *                          × 12 / the period's months (a quarter × 4, a month × 12)
 * customer value         = average purchase value × purchase frequency (per year)
 * LTV                    = (customer value × gross margin − retention cost per year) × lifespan − acquisition cost
 * </pre>
 *
 * A quarter's or month's frequency is annualised by its nominal length because the lifespan is in years;
 * a period still in progress is not extrapolated (its figures are what happened so far).
 */
public final class PeriodLtv {

    private PeriodLtv() {
    }

    public static LtvBreakdown of(PeriodTotals totals, Period period, LtvParameters parameters, Currency currency) {
        if (totals.customers() <= 0 || totals.purchases() <= 0) {
            throw new IllegalArgumentException("period figures need at least one customer with a purchase");
        }
        BigDecimal averagePurchaseValue = Rounding.divide(totals.revenue(), BigDecimal.valueOf(totals.purchases()));
        BigDecimal frequency = Rounding.divide(BigDecimal.valueOf(totals.purchases() * 12L),
                BigDecimal.valueOf(totals.customers() * (long) period.months()));
        return ClassicLtv.breakdown(averagePurchaseValue, frequency, parameters, currency);
    }
}
