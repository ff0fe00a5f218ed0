package dev.ltv.calc;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The business assumptions of the classic LTV formula.
 *
 * @param grossMargin          share of revenue kept as gross profit, 0..1 (1 = LTV on revenue)
 * @param acquisitionCost      cost to acquire one customer (CAC), in the base currency, ≥ 0
 * @param lifespanYears        expected customer lifespan in years, &gt; 0
 * @param retentionCostPerYear what keeping one customer costs a year (service, loyalty, marketing to existing
 *                             customers), in the base currency, ≥ 0
 */
public record LtvParameters(BigDecimal grossMargin, BigDecimal acquisitionCost, BigDecimal lifespanYears,
                            BigDecimal retentionCostPerYear) {

    public LtvParameters {
        Objects.requireNonNull(grossMargin, "grossMargin");
        Objects.requireNonNull(acquisitionCost, "acquisitionCost");
        Objects.requireNonNull(lifespanYears, "lifespanYears");
        Objects.requireNonNull(retentionCostPerYear, "retentionCostPerYear");
        if (grossMargin.signum() < 0 || grossMargin.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("grossMargin must be between 0 and 1");
        }
        if (acquisitionCost.signum() < 0) {
            throw new IllegalArgumentException("acquisitionCost must not be negative");
        }
        if (lifespanYears.signum() <= 0) {
            throw new IllegalArgumentException("lifespanYears must be greater than 0");
        }
        if (retentionCostPerYear.signum() < 0) {
            throw new IllegalArgumentException("retentionCostPerYear must not be negative");
        }
    }

    /** Without a retention cost: the formula as it was before retention cost existed. */
    public LtvParameters(BigDecimal grossMargin, BigDecimal acquisitionCost, BigDecimal lifespanYears) {
        this(grossMargin, acquisitionCost, lifespanYears, BigDecimal.ZERO);
    }

    /** Lifespan from an annual churn rate: a customer churning with probability c a year stays 1 / c years on average. */
    public static BigDecimal lifespanFromAnnualChurn(BigDecimal annualChurnRate) {
        if (annualChurnRate.signum() <= 0 || annualChurnRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("annual churn rate must be greater than 0 and at most 1");
        }
        return BigDecimal.ONE.divide(annualChurnRate, Rounding.INTERMEDIATE);
    }

    public LtvParameters withGrossMargin(BigDecimal value) {
        return new LtvParameters(value, acquisitionCost, lifespanYears, retentionCostPerYear);
    }

    public LtvParameters withAcquisitionCost(BigDecimal value) {
        return new LtvParameters(grossMargin, value, lifespanYears, retentionCostPerYear);
    }

    public LtvParameters withLifespanYears(BigDecimal value) {
        return new LtvParameters(grossMargin, acquisitionCost, value, retentionCostPerYear);
    }

    public LtvParameters withRetentionCostPerYear(BigDecimal value) {
        return new LtvParameters(grossMargin, acquisitionCost, lifespanYears, value);
    }
}
