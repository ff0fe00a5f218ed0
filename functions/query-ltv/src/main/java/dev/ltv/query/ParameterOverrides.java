package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.calc.LtvParameters;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-request overrides of the formula's parameters, read from the query string and checked before anything is
 * read from DynamoDB. Every refusal names the parameter at fault.
 */
final class ParameterOverrides {

    static final String GROSS_MARGIN = "grossMargin";
    static final String ACQUISITION_COST = "acquisitionCost";
    static final String LIFESPAN_YEARS = "lifespanYears";
    static final String ANNUAL_CHURN_RATE = "annualChurnRate";
    static final String RETENTION_COST_PER_YEAR = "retentionCostPerYear";
    static final Set<String> NAMES = Set.of(GROSS_MARGIN, ACQUISITION_COST, LIFESPAN_YEARS, ANNUAL_CHURN_RATE,
            RETENTION_COST_PER_YEAR);
    static final String INVALID_PARAMETER = "INVALID_PARAMETER";

    // Plain decimals only: an exponent ("1e9") or a thousands separator is more likely a mistake than intent,
    // and the length bound keeps a hostile value from making the arithmetic or the response huge.
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

    private final LtvParameters defaults;
    private final Currency currency;

    ParameterOverrides(LtvParameters defaults, Currency currency) {
        this.defaults = defaults;
        this.currency = currency;
    }

    ChosenParameters apply(QueryString query) {
        LtvParameters parameters = defaults;
        ParameterSource margin = ParameterSource.DEFAULT;
        ParameterSource cac = ParameterSource.DEFAULT;
        ParameterSource lifespan = ParameterSource.DEFAULT;
        ParameterSource retention = ParameterSource.DEFAULT;
        BigDecimal churn = null;

        Optional<BigDecimal> grossMargin = decimal(query, GROSS_MARGIN);
        if (grossMargin.isPresent()) {
            BigDecimal value = grossMargin.get();
            if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
                throw invalid(GROSS_MARGIN, "grossMargin must be between 0 and 1 (a share of revenue, e.g. 0.4 for 40 %)");
            }
            parameters = parameters.withGrossMargin(value);
            margin = ParameterSource.REQUEST;
        }

        Optional<BigDecimal> acquisitionCost = cost(query, ACQUISITION_COST);
        if (acquisitionCost.isPresent()) {
            parameters = parameters.withAcquisitionCost(acquisitionCost.get());
            cac = ParameterSource.REQUEST;
        }

        Optional<BigDecimal> retentionCost = cost(query, RETENTION_COST_PER_YEAR);
        if (retentionCost.isPresent()) {
            parameters = parameters.withRetentionCostPerYear(retentionCost.get());
            retention = ParameterSource.REQUEST;
        }

        if (query.has(LIFESPAN_YEARS) && query.has(ANNUAL_CHURN_RATE)) {
            throw invalid(ANNUAL_CHURN_RATE, "give lifespanYears or annualChurnRate, not both (the lifespan is 1 / churn rate)");
        }
        // "measured" is resolved against the latest model afterwards (MeasuredLifespanParameter)
        Optional<BigDecimal> lifespanYears = MeasuredLifespanParameter.requested(query) ? Optional.empty()
                : decimal(query, LIFESPAN_YEARS);
        if (lifespanYears.isPresent()) {
            BigDecimal value = lifespanYears.get();
            if (value.signum() <= 0) {
                throw invalid(LIFESPAN_YEARS, "lifespanYears must be greater than 0");
            }
            parameters = parameters.withLifespanYears(value);
            lifespan = ParameterSource.REQUEST;
        }
        Optional<BigDecimal> annualChurnRate = decimal(query, ANNUAL_CHURN_RATE);
        if (annualChurnRate.isPresent()) {
            BigDecimal value = annualChurnRate.get();
            if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
                throw invalid(ANNUAL_CHURN_RATE, "annualChurnRate must be greater than 0 and at most 1 (e.g. 0.25 for 25 % a year)");
            }
            parameters = parameters.withLifespanYears(LtvParameters.lifespanFromAnnualChurn(value));
            lifespan = ParameterSource.REQUEST;
            churn = value;
        }
        return new ChosenParameters(parameters, margin, cac, lifespan, retention, churn);
    }

    /** An amount of the base currency, 0 or more, with no more decimals than the currency's minor unit. */
    private Optional<BigDecimal> cost(QueryString query, String name) {
        return decimal(query, name).map(value -> {
            if (value.signum() < 0) {
                throw invalid(name, name + " must be 0 or more");
            }
            int digits = Math.max(currency.getDefaultFractionDigits(), 0);
            if (value.stripTrailingZeros().scale() > digits) {
                throw invalid(name, name + " is an amount of " + currency.getCurrencyCode()
                        + " and has at most " + digits + " decimals");
            }
            return value;
        });
    }

    private static Optional<BigDecimal> decimal(QueryString query, String name) {
        return query.get(name).map(raw -> {
            if (!PLAIN_DECIMAL.matcher(raw).matches()) {
                throw invalid(name, name + " must be a plain decimal number such as 0.4 or 25 (at most 15 digits"
                        + " before and after the point, no exponent)");
            }
            return new BigDecimal(raw);
        });
    }

    private static ApiException invalid(String name, String message) {
        return ApiException.badRequest(INVALID_PARAMETER, name, message);
    }
}
