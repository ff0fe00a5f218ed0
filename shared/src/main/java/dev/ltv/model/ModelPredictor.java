package dev.ltv.model;

import dev.ltv.predict.Clv;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaModel;
import dev.ltv.predict.ModelFitException;
import dev.ltv.predict.ParameterDraws;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.PredictionInterval;
import dev.ltv.predict.PurchaseModel;
import dev.ltv.predict.Rfm;

import java.util.Optional;

/**
 * Predicts with a stored version's chosen purchase model and Gamma-Gamma, and gives intervals from parameter
 * draws seeded with the version number: every container, and every request, gets the same interval for the
 * same customer under one version.
 *
 * <p>The draws (200 parameter sets) are made once per stored model: {@link #of} keeps the predictor of the
 * model it was last asked about (the caches hand out one instance per version for minutes at a time).
 */
final class ModelPredictor {

    private static ModelPredictor last;

    private final StoredModel stored;
    private final PurchaseModel purchases;
    private final GammaGammaModel spend;
    /** Null when the version carries no covariance (saved before candidates) or it cannot be drawn from. */
    private final ParameterDraws draws;

    private ModelPredictor(StoredModel stored) {
        this.stored = stored;
        this.purchases = stored.purchaseModel();
        this.spend = new GammaGammaModel(stored.gammaGamma());
        this.draws = draws(stored);
    }

    static synchronized ModelPredictor of(StoredModel stored) {
        if (last == null || last.stored != stored) {
            last = new ModelPredictor(stored);
        }
        return last;
    }

    private static ParameterDraws draws(StoredModel stored) {
        if (stored.choice() == null) {
            return null;
        }
        ModelChoice choice = stored.choice();
        try {
            GammaGammaFit spendFit = choice.spendLogCovariance() == null ? null
                    : new GammaGammaFit(stored.gammaGamma(), stored.gammaGammaLogLikelihood(),
                    Math.toIntExact(stored.spendCustomers()), 0);
            return ParameterDraws.of(choice.chosen().fit(), spendFit, choice.spendLogCovariance(),
                    ParameterDraws.DEFAULT_DRAWS, stored.version());
        } catch (ModelFitException | IllegalArgumentException cannotDraw) {
            System.err.println("model version " + stored.version() + ": no intervals: " + cannotDraw.getMessage());
            return null;
        }
    }

    Prediction predict(Rfm rfm, ClvSettings settings) {
        double horizon = settings.horizonMonths() * rfm.unit().perMonth();
        double expectedSpend = spend.conditionalExpectedAverageSpend(rfm.frequency(), rfm.monetaryValue().doubleValue());
        return new Prediction(settings.horizonMonths(), horizon, rfm.unit(),
                purchases.expectedPurchases(horizon, rfm.frequency(), rfm.recency(), rfm.age()),
                purchases.probabilityAlive(rfm.frequency(), rfm.recency(), rfm.age()), expectedSpend,
                Clv.discounted(purchases, expectedSpend, rfm, settings));
    }

    /** The interval at {@code level}, or empty when this version has no parameter covariance to draw from. */
    Optional<PredictionInterval> interval(Rfm rfm, ClvSettings settings, double level, double expectedSpend) {
        return draws == null ? Optional.empty()
                : Optional.of(PredictionInterval.of(draws, rfm, settings, level, expectedSpend));
    }
}
