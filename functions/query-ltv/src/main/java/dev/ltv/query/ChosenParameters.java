package dev.ltv.query;

import dev.ltv.calc.LtvParameters;

import java.math.BigDecimal;

/**
 * The parameters a request is answered with, and where each came from.
 *
 * @param annualChurnRate the churn rate the request gave instead of a lifespan, else null
 */
record ChosenParameters(
        LtvParameters parameters,
        ParameterSource grossMargin,
        ParameterSource acquisitionCost,
        ParameterSource lifespanYears,
        ParameterSource retentionCostPerYear,
        BigDecimal annualChurnRate) {

    static ChosenParameters defaults(LtvParameters parameters) {
        return new ChosenParameters(parameters, ParameterSource.DEFAULT, ParameterSource.DEFAULT, ParameterSource.DEFAULT,
                ParameterSource.DEFAULT, null);
    }
}
