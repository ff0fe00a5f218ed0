package dev.ltv.calc;

import java.math.BigDecimal;

/**
 * The classic LTV averaged over a channel's customers. The formula is linear in the customer value, so the
 * average of the customers' LTVs is the LTV of their average customer value:
 *
 * <pre>
 * average customer value = Σ customers' yearly customer values / customers
 * average LTV            = (average customer value × gross margin − retention cost per year) × lifespan
 *                          − the channel's acquisition cost
 * LTV:CAC                = average LTV / the channel's acquisition cost (absent when it is 0)
 * </pre>
 */
public final class ChannelLtv {

    private ChannelLtv() {
    }

    public static BigDecimal averageCustomerValue(ChannelTotals totals) {
        if (totals.customers() <= 0) {
            throw new IllegalArgumentException("a channel average needs at least one customer");
        }
        return Rounding.divide(totals.customerValueSum(), BigDecimal.valueOf(totals.customers()));
    }

    /** @param parameters with the channel's acquisition cost */
    public static BigDecimal averageLtv(ChannelTotals totals, LtvParameters parameters) {
        return averageCustomerValue(totals)
                .multiply(parameters.grossMargin(), Rounding.INTERMEDIATE)
                .subtract(parameters.retentionCostPerYear(), Rounding.INTERMEDIATE)
                .multiply(parameters.lifespanYears(), Rounding.INTERMEDIATE)
                .subtract(parameters.acquisitionCost(), Rounding.INTERMEDIATE);
    }
}
