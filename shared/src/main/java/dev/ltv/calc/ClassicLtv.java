package dev.ltv.calc;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The classic LTV formula, per customer and for the whole company.
 *
 * <pre>
 * average purchase value = revenue / purchases
 * purchase frequency     = purchases per year (see {@link PurchaseFrequency})
 * customer value         = average purchase value × purchase frequency
 * LTV                    = (customer value × gross margin − retention cost per year) × lifespan (years)
 *                          − acquisition cost
 * LTV:CAC                = LTV / acquisition cost (absent when CAC is 0)
 * </pre>
 *
 * Pure arithmetic: no I/O, no AWS. Rounding follows {@link Rounding}.
 */
public final class ClassicLtv {

    private ClassicLtv() {
    }

    public static LtvBreakdown customer(CustomerTotals totals, LtvParameters parameters, Currency currency) {
        BigDecimal averagePurchaseValue = Rounding.divide(totals.revenue(), BigDecimal.valueOf(totals.purchases()));
        BigDecimal frequency = PurchaseFrequency.perYear(totals.purchases(), totals.firstPurchase(), totals.lastPurchase());
        return breakdown(averagePurchaseValue, frequency, parameters, currency);
    }

    /**
     * Company level, as the classic definition has it: average purchase value = total revenue / total
     * purchases; purchase frequency = the customers' yearly purchase frequencies averaged over the unique
     * customers (for customers seen within a year this is simply purchases / unique customers).
     */
    public static LtvBreakdown company(CompanyTotals totals, LtvParameters parameters, Currency currency) {
        if (totals.customers() <= 0 || totals.purchases() <= 0) {
            throw new IllegalArgumentException("company figures need at least one customer with a purchase");
        }
        BigDecimal averagePurchaseValue = Rounding.divide(totals.revenue(), BigDecimal.valueOf(totals.purchases()));
        BigDecimal frequency = Rounding.divide(totals.frequencySum(), BigDecimal.valueOf(totals.customers()));
        return breakdown(averagePurchaseValue, frequency, parameters, currency);
    }

    static LtvBreakdown breakdown(BigDecimal averagePurchaseValue, BigDecimal frequency,
                                          LtvParameters parameters, Currency currency) {
        BigDecimal customerValue = averagePurchaseValue.multiply(frequency, Rounding.INTERMEDIATE);
        // LTV is negative when what acquiring and keeping a customer costs exceeds the profit from them
        BigDecimal ltv = customerValue
                .multiply(parameters.grossMargin(), Rounding.INTERMEDIATE)
                .subtract(parameters.retentionCostPerYear(), Rounding.INTERMEDIATE)
                .multiply(parameters.lifespanYears(), Rounding.INTERMEDIATE)
                .subtract(parameters.acquisitionCost(), Rounding.INTERMEDIATE);
        BigDecimal ltvToCac = parameters.acquisitionCost().signum() == 0
                ? null
                : Rounding.ratio(Rounding.divide(ltv, parameters.acquisitionCost()));
        return new LtvBreakdown(
                Rounding.money(averagePurchaseValue, currency),
                Rounding.ratio(frequency),
                Rounding.money(customerValue, currency),
                Rounding.money(ltv, currency),
                ltvToCac,
                parameters);
    }
}
