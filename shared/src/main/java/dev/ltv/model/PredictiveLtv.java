package dev.ltv.model;

import dev.ltv.calc.Rounding;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.PredictionInterval;
import dev.ltv.predict.Rfm;
import dev.ltv.state.CustomerState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's predictive section, as the query response serialises it under {@code predictive}: either
 * {@code status} OK with the model's figures, or INSUFFICIENT_DATA with the {@code reason} and nothing else
 * (absent members are left out of the JSON). Pure: the model comes in, nothing is read.
 *
 * <p>The customer's summary is built at {@code asOf}, not at the model's calibration day: T grows with
 * {@code asOf} while the purchase count and the recency stay, so P(alive) decays as a customer stays away.
 *
 * @param modelVersion      the model version used
 * @param fittedAt          when that version was fitted (ISO-8601 instant)
 * @param unit              the model's time unit ("weeks" or "days")
 * @param expectedPurchases expected purchases within the horizon (6 decimals)
 * @param probabilityAlive  probability the customer is still active at {@code asOf} (6 decimals)
 * @param expectedSpend     expected spend per future purchase (the currency's minor unit)
 * @param clv               discounted CLV over the horizon after margin (the currency's minor unit)
 * @param model             the purchase model used ("bgnbd", "paretonbd", "mbgnbd")
 * @param interval          the interval of the three figures from parameter uncertainty (absent when not asked
 *                          for, or for a model version saved without the parameters' covariance)
 */
public record PredictiveLtv(String status, Long modelVersion, String fittedAt, String unit, Integer horizonMonths,
                            BigDecimal expectedPurchases, BigDecimal probabilityAlive, BigDecimal expectedSpend,
                            BigDecimal clv, BigDecimal monthlyDiscountRate, BigDecimal margin, String reason,
                            String model, Interval interval) {

    /**
     * The interval at {@code level}: each range holds the point figure (a quantile of the draws can fall on the
     * point's wrong side when a figure is strongly non-linear in the parameters; the range is then widened to it).
     */
    public record Interval(BigDecimal level, Range expectedPurchases, Range probabilityAlive, Range clv) {
    }

    public record Range(BigDecimal low, BigDecimal high) {
    }

    public static final String OK = "OK";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";
    static final int DECIMALS = 6;
    static final String CANNOT_DESCRIBE = "the model cannot describe this customer's history (for example a net"
            + " spend below zero after refunds, or figures outside the model's numeric range)";

    public PredictiveLtv {
        Objects.requireNonNull(status, "status");
        if (status.equals(OK) == (reason != null)) {
            throw new IllegalArgumentException("an OK section has no reason; an INSUFFICIENT_DATA section has one");
        }
    }

    /**
     * @param state    the customer's stored state
     * @param model    the latest model, empty when none has been fitted
     * @param asOf     the day the prediction is for (the calibration end of this customer's summary, inclusive)
     * @param settings horizon, monthly discount rate and margin
     * @param currency the base currency: money is rounded to its minor unit
     */
    public static PredictiveLtv forCustomer(CustomerState state, Optional<StoredModel> model, LocalDate asOf,
                                            ClvSettings settings, Currency currency) {
        return forCustomer(state, model, asOf, settings, currency, null);
    }

    /**
     * The same, with the interval at {@code intervalLevel} (in (0, 1), e.g. 0.9; null for none).
     */
    public static PredictiveLtv forCustomer(CustomerState state, Optional<StoredModel> model, LocalDate asOf,
                                            ClvSettings settings, Currency currency, Double intervalLevel) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(asOf, "asOf");
        if (model.isEmpty()) {
            return insufficient("no predictive model has been fitted yet (POST /model/fit, or wait for the schedule)");
        }
        if (!state.hasPurchases()) {
            return insufficient("the customer has no purchase left to predict from");
        }
        if (asOf.isBefore(state.firstDay())) {
            return insufficient("as of " + asOf + " the customer had not purchased yet (first purchase "
                    + state.firstDay() + ")");
        }
        if (asOf.isBefore(state.lastDay())) {
            return insufficient("as of " + asOf + " the history is not known: the state includes purchases up to "
                    + state.lastDay());
        }
        StoredModel stored = model.get();
        try {
            Rfm rfm = Rfm.fromState(state.purchaseDays(), state.firstDay(), state.lastDay(), state.revenue(),
                    state.firstDaySpend(), asOf, stored.unit());
            ModelPredictor predictor = ModelPredictor.of(stored);
            Prediction p = predictor.predict(rfm, settings);
            return ok(stored, p, settings, currency, intervalLevel == null ? null
                    : interval(predictor, rfm, settings, intervalLevel, p, currency, state.customerId()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            // e.g. net spend below zero after refunds, or a history far outside the model's numeric range: the
            // numeric detail (series, parameters) means nothing to a client, so it goes to the log only
            System.err.println("predictive model version " + stored.version() + " cannot predict customer "
                    + state.customerId() + " as of " + asOf + ": " + e);
            return insufficient(CANNOT_DESCRIBE);
        }
    }

    /** The interval, or null when the draws give no finite one (the point prediction stands on its own). */
    private static Interval interval(ModelPredictor predictor, Rfm rfm, ClvSettings settings, double level,
                                     Prediction p, Currency currency, String customerId) {
        try {
            return predictor.interval(rfm, settings, level, p.expectedSpend()).map(i -> interval(i, p, currency))
                    .orElse(null);
        } catch (ArithmeticException | IllegalArgumentException e) {
            System.err.println("no interval for customer " + customerId + ": " + e);
            return null;
        }
    }

    private static Interval interval(PredictionInterval i, Prediction p, Currency currency) {
        return new Interval(BigDecimal.valueOf(i.level()).setScale(2, RoundingMode.HALF_EVEN),
                new Range(decimals(low(i.expectedPurchases(), p.expectedPurchases())),
                        decimals(high(i.expectedPurchases(), p.expectedPurchases()))),
                new Range(decimals(low(i.probabilityAlive(), p.probabilityAlive())),
                        decimals(high(i.probabilityAlive(), p.probabilityAlive()))),
                new Range(money(low(i.clv(), p.clv()), currency), money(high(i.clv(), p.clv()), currency)));
    }

    private static double low(PredictionInterval.Range range, double point) {
        return finite(Math.min(range.lower(), point));
    }

    private static double high(PredictionInterval.Range range, double point) {
        return finite(Math.max(range.upper(), point));
    }

    private static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("an interval bound out of double range: " + value);
        }
        return value;
    }

    private static PredictiveLtv ok(StoredModel stored, Prediction p, ClvSettings settings, Currency currency,
                                    Interval interval) {
        for (double value : new double[] {p.expectedPurchases(), p.probabilityAlive(), p.expectedSpend(), p.clv()}) {
            if (!Double.isFinite(value)) {
                throw new ArithmeticException("a prediction out of double range: expectedPurchases="
                        + p.expectedPurchases() + " probabilityAlive=" + p.probabilityAlive() + " expectedSpend="
                        + p.expectedSpend() + " clv=" + p.clv());
            }
        }
        return new PredictiveLtv(OK, stored.version(), stored.fittedAt().toString(), stored.unit().label(),
                p.horizonMonths(), decimals(p.expectedPurchases()), decimals(p.probabilityAlive()),
                money(p.expectedSpend(), currency), money(p.clv(), currency),
                BigDecimal.valueOf(settings.monthlyDiscountRate()), BigDecimal.valueOf(settings.margin()), null,
                stored.kind().id(), interval);
    }

    public static PredictiveLtv insufficient(String reason) {
        return new PredictiveLtv(INSUFFICIENT_DATA, null, null, null, null, null, null, null, null, null, null,
                Objects.requireNonNull(reason, "reason"), null, null);
    }

    private static BigDecimal decimals(double value) {
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal money(double value, Currency currency) {
        return Rounding.money(BigDecimal.valueOf(value), currency);
    }
}
