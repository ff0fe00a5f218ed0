package dev.ltv.query;

import dev.ltv.calc.LtvParameters;

import java.math.BigDecimal;

/**
 * The parameters a request is answered with, and where each came from.
 *
 * @param annualChurnRate      the churn rate the request gave instead of a lifespan, else null
 * @param lifespanModelVersion the model version whose measured lifespan is used (source MEASURED), else null
 */
record ChosenParameters(
        LtvParameters parameters,
        ParameterSource grossMargin,
        ParameterSource acquisitionCost,
        ParameterSource lifespanYears,
        ParameterSource retentionCostPerYear,
        BigDecimal annualChurnRate,
        Long lifespanModelVersion) {

    ChosenParameters(LtvParameters parameters, ParameterSource grossMargin, ParameterSource acquisitionCost,
                     ParameterSource lifespanYears, ParameterSource retentionCostPerYear, BigDecimal annualChurnRate) {
        this(parameters, grossMargin, acquisitionCost, lifespanYears, retentionCostPerYear, annualChurnRate, null);
    }

    /** The same with the lifespan the latest model measured. */
    ChosenParameters withMeasuredLifespan(BigDecimal years, long modelVersion) {
        return new ChosenParameters(parameters.withLifespanYears(years), grossMargin, acquisitionCost,
                ParameterSource.MEASURED, retentionCostPerYear, null, modelVersion);
    }

    static ChosenParameters defaults(LtvParameters parameters) {
        return new ChosenParameters(parameters, ParameterSource.DEFAULT, ParameterSource.DEFAULT, ParameterSource.DEFAULT,
                ParameterSource.DEFAULT, null);
    }
}
