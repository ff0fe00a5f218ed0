package dev.ltv.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ltv.calc.LtvBreakdown;
import dev.ltv.calc.Rounding;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The JSON bodies of the query routes. Members that are null are left out (Json.write), except
 * {@code classic}, which is written as {@code null} when there is nothing to compute, so that clients can tell
 * "no figures" from "an older version without this member". Dates and instants are ISO-8601 strings; money
 * has the currency's minor unit.
 */
final class Views {

    private Views() {
    }

    record CustomerLtv(
            String customerId,
            String currency,
            String asOf,
            String lastUpdated,
            Inputs inputs,
            Parameters parameters,
            @JsonInclude(JsonInclude.Include.ALWAYS) Classic classic,
            String note,
            Object predictive,
            SegmentViews.CustomerSegments segments) {
    }

    /**
     * @param observedSpanDays     days from the first to the last purchase day (null without purchases)
     * @param frequencyWindowYears the years the purchase count is divided by: the span, at least 1
     */
    record Inputs(
            BigDecimal revenue,
            long purchases,
            long purchaseDays,
            String firstPurchaseDay,
            String lastPurchaseDay,
            Long observedSpanDays,
            BigDecimal frequencyWindowYears) {
    }

    record CompanyMetrics(
            String currency,
            long customers,
            long purchases,
            BigDecimal revenue,
            Parameters parameters,
            @JsonInclude(JsonInclude.Include.ALWAYS) Classic classic,
            String note,
            MetricsForecast.Forecast forecast,
            MetricsForecast.Lifespan measuredLifespan) {
    }

    /**
     * @param annualChurnRate      present when the request gave a churn rate; lifespanYears is then 1 / churn rate
     * @param lifespanModelVersion present when the lifespan is the one a model version measured
     */
    record Parameters(
            BigDecimal grossMargin,
            BigDecimal acquisitionCost,
            BigDecimal lifespanYears,
            BigDecimal annualChurnRate,
            BigDecimal retentionCostPerYear,
            Sources sources,
            Long lifespanModelVersion) {

        static Parameters of(ChosenParameters chosen, Currency currency) {
            var p = chosen.parameters();
            return new Parameters(
                    p.grossMargin().stripTrailingZeros(),
                    Rounding.money(p.acquisitionCost(), currency),
                    // 1 / churn keeps 34 digits in the arithmetic; six decimals are plenty to show it
                    Rounding.ratio(p.lifespanYears()).stripTrailingZeros(),
                    chosen.annualChurnRate() == null ? null : chosen.annualChurnRate().stripTrailingZeros(),
                    Rounding.money(p.retentionCostPerYear(), currency),
                    new Sources(chosen.grossMargin(), chosen.acquisitionCost(), chosen.lifespanYears(),
                            chosen.retentionCostPerYear()),
                    chosen.lifespanModelVersion());
        }
    }

    record Sources(ParameterSource grossMargin, ParameterSource acquisitionCost, ParameterSource lifespanYears,
                   ParameterSource retentionCostPerYear) {
    }

    /** @param ltvToCac absent when the acquisition cost is 0 */
    record Classic(
            BigDecimal averagePurchaseValue,
            BigDecimal purchaseFrequencyPerYear,
            BigDecimal customerValuePerYear,
            BigDecimal ltv,
            BigDecimal ltvToCac) {

        static Classic of(LtvBreakdown breakdown) {
            return new Classic(breakdown.averagePurchaseValue(), breakdown.purchaseFrequencyPerYear(),
                    breakdown.customerValuePerYear(), breakdown.ltv(), breakdown.ltvToCac());
        }
    }
}
