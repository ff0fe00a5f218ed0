package dev.ltv.calc;

import java.math.BigDecimal;

/**
 * The classic LTV and the terms it is made of, rounded for presentation (see {@link Rounding}).
 *
 * @param ltvToCac absent (null) when the acquisition cost is 0
 */
public record LtvBreakdown(
        BigDecimal averagePurchaseValue,
        BigDecimal purchaseFrequencyPerYear,
        BigDecimal customerValuePerYear,
        BigDecimal ltv,
        BigDecimal ltvToCac,
        LtvParameters parameters) {
}
