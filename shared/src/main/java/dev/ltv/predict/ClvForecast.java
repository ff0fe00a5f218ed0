package dev.ltv.predict;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Any purchase model with Gamma-Gamma, fitted as of one day, with parameter draws for intervals: predicts a
 * customer's purchases, activity, spend and CLV, each with an interval reflecting parameter uncertainty.
 *
 * @param draws parameter draws (see {@link ParameterDraws}); their seed makes the intervals deterministic
 */
public record ClvForecast(PurchaseFit purchases, GammaGammaFit spend, LocalDate asOf, ParameterDraws draws) {

    public ClvForecast {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(draws, "draws");
    }

    public TimeUnit unit() {
        return purchases.unit();
    }

    /** The point prediction (at the estimates). */
    public Prediction predict(Rfm rfm, ClvSettings settings) {
        if (rfm.unit() != unit()) {
            throw new IllegalArgumentException("the customer's summary is in " + rfm.unit().label()
                    + " but the model in " + unit().label());
        }
        PurchaseModel model = purchases.model();
        double horizon = settings.horizonMonths() * unit().perMonth();
        double expectedSpend = spend.model().conditionalExpectedAverageSpend(rfm.frequency(),
                rfm.monetaryValue().doubleValue());
        return new Prediction(settings.horizonMonths(), horizon, unit(),
                model.expectedPurchases(horizon, rfm.frequency(), rfm.recency(), rfm.age()),
                model.probabilityAlive(rfm.frequency(), rfm.recency(), rfm.age()), expectedSpend,
                Clv.discounted(model, expectedSpend, rfm, settings));
    }

    /** The interval at {@code level} around {@link #predict}. */
    public PredictionInterval interval(Rfm rfm, ClvSettings settings, double level) {
        return PredictionInterval.of(draws, rfm, settings, level, 0);
    }
}
