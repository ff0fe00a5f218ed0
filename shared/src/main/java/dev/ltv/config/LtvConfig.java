package dev.ltv.config;

import dev.ltv.calc.LtvParameters;
import dev.ltv.predict.ClvSettings;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/**
 * Everything the functions are configured with. Each field is an environment variable declared in
 * template.yaml (Globals or the function), so {@code sam local --env-vars} can override it.
 *
 * @param purchasesTable   PURCHASES_TABLE: the purchases table (with the stream)
 * @param ltvTable         LTV_TABLE: per-customer state, applied markers, company totals, model parameters
 * @param dynamoDbEndpoint DYNAMODB_ENDPOINT: optional endpoint override (DynamoDB Local, LocalStack)
 * @param baseCurrency     BASE_CURRENCY: the one currency purchases are accepted in (ISO 4217)
 * @param businessZone     BUSINESS_TIME_ZONE: the zone whose calendar days count as purchase days
 * @param ltvParameters    GROSS_MARGIN, ACQUISITION_COST, RETENTION_COST_PER_YEAR, and LIFESPAN_YEARS or
 *                         ANNUAL_CHURN_RATE
 * @param appliedMarkerTtl APPLIED_MARKER_TTL_HOURS: how long a record's "applied" marker is kept
 * @param clvHorizonMonths CLV_HORIZON_MONTHS: horizon of the predicted (discounted) CLV, 1..600 months
 * @param clvMonthlyDiscountRate CLV_MONTHLY_DISCOUNT_RATE: monthly discount rate of the predicted CLV, in [0, 1)
 * @param acquisitionCostByChannel ACQUISITION_COST_BY_CHANNEL: acquisition costs by channel (a JSON object); the
 *                         channels it does not name use ACQUISITION_COST
 * @param lifespanMeasured LIFESPAN_YEARS=measured: the query uses the lifespan the latest model's fit measured
 *                         ({@code ltvParameters}' lifespan is then the 3-year default, used by nothing that answers)
 */
public record LtvConfig(
        String purchasesTable,
        String ltvTable,
        Optional<URI> dynamoDbEndpoint,
        Currency baseCurrency,
        ZoneId businessZone,
        LtvParameters ltvParameters,
        Duration appliedMarkerTtl,
        int clvHorizonMonths,
        BigDecimal clvMonthlyDiscountRate,
        java.util.Map<String, BigDecimal> acquisitionCostByChannel,
        boolean lifespanMeasured) {

    static final int MAX_CLV_HORIZON_MONTHS = 600;
    /** LIFESPAN_YEARS's value that asks for the measured lifespan. */
    public static final String MEASURED = "measured";

    public static LtvConfig fromEnvironment() {
        return from(Env.system());
    }

    public static LtvConfig from(Env env) {
        Optional<URI> endpoint;
        try {
            endpoint = env.optional("DYNAMODB_ENDPOINT").map(URI::create);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("DYNAMODB_ENDPOINT is not a URI: " + e.getMessage());
        }
        Currency currency;
        try {
            currency = Currency.getInstance(env.string("BASE_CURRENCY", "USD"));
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("BASE_CURRENCY is not an ISO 4217 code: " + env.string("BASE_CURRENCY", ""));
        }
        // funds and metals (XAU, XDR...) have no minor unit: amounts could not be scaled or rounded consistently
        if (currency.getDefaultFractionDigits() < 0) {
            throw new Env.ConfigException("BASE_CURRENCY must have a minor unit: " + currency.getCurrencyCode() + " has none");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(env.string("BUSINESS_TIME_ZONE", "UTC"));
        } catch (RuntimeException e) {
            throw new Env.ConfigException("BUSINESS_TIME_ZONE is not a time zone: " + env.string("BUSINESS_TIME_ZONE", ""));
        }
        BigDecimal lifespan;
        boolean measured = MEASURED.equals(env.string("LIFESPAN_YEARS", "").toLowerCase(java.util.Locale.ROOT))
                && env.optional("ANNUAL_CHURN_RATE").isEmpty();
        try {
            lifespan = env.optionalDecimal("ANNUAL_CHURN_RATE")
                    .map(LtvParameters::lifespanFromAnnualChurn)
                    .orElseGet(() -> measured ? new BigDecimal("3") : env.decimal("LIFESPAN_YEARS", "3"));
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("ANNUAL_CHURN_RATE: " + e.getMessage());
        }
        LtvParameters parameters;
        try {
            parameters = new LtvParameters(env.decimal("GROSS_MARGIN", "1"), env.decimal("ACQUISITION_COST", "0"), lifespan,
                    env.decimal("RETENTION_COST_PER_YEAR", "0"));
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("LTV parameters: " + e.getMessage());
        }
        // Markers must outlive any redelivery: stream retention (24 h) plus the mapping's maximum record age.
        int ttlHours = env.integer("APPLIED_MARKER_TTL_HOURS", 24 * 7);
        if (ttlHours < 48) {
            throw new Env.ConfigException("APPLIED_MARKER_TTL_HOURS must be at least 48 (stream retention + record age)");
        }
        int horizon = env.integer("CLV_HORIZON_MONTHS", 12);
        if (horizon < 1 || horizon > MAX_CLV_HORIZON_MONTHS) {
            throw new Env.ConfigException("CLV_HORIZON_MONTHS must be 1.." + MAX_CLV_HORIZON_MONTHS + ", was " + horizon);
        }
        BigDecimal discount = env.decimal("CLV_MONTHLY_DISCOUNT_RATE", "0.01");
        // a rate of 1 (100 % a month) would make every month after the first worthless: not a real setting
        if (discount.signum() < 0 || discount.compareTo(BigDecimal.ONE) >= 0) {
            throw new Env.ConfigException("CLV_MONTHLY_DISCOUNT_RATE must be at least 0 and below 1, was " + discount);
        }
        return new LtvConfig(env.required("PURCHASES_TABLE"), env.required("LTV_TABLE"), endpoint, currency, zone,
                parameters, Duration.ofHours(ttlHours), horizon, discount,
                ChannelCosts.parse(env.string("ACQUISITION_COST_BY_CHANNEL", "{}"), currency), measured);
    }

    /**
     * The predicted CLV's settings with a margin: the classic {@code GROSS_MARGIN} unless a caller overrides it.
     *
     * @throws IllegalArgumentException for a margin outside [0, 1] (0 is accepted: the value is then nil)
     */
    public ClvSettings clvSettings(BigDecimal margin) {
        return new ClvSettings(clvHorizonMonths, clvMonthlyDiscountRate.doubleValue(), margin.doubleValue());
    }
}
