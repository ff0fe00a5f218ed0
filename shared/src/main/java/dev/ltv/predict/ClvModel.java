package dev.ltv.predict;

import java.time.LocalDate;
import java.util.Objects;

/**
 * BG/NBD and Gamma-Gamma fitted on one customer base as of one day: everything needed to predict any
 * customer's purchases, activity, spend and CLV.
 *
 * @param standardErrors the parameters' standard errors, or null when not known (a model read back from
 *                       storage before they were stored, or an information matrix that is not positive definite)
 */
public record ClvModel(BgNbdFit purchases, GammaGammaFit spend, LocalDate asOf, StandardErrors standardErrors)
        implements FitOutcome {

    /** Below this many customers the four BG/NBD parameters are not meaningfully estimated. */
    public static final int MIN_CUSTOMERS = 30;
    /** Repeat customers carry all information on purchase rates, dropout and spend. */
    public static final int MIN_REPEAT_CUSTOMERS = GammaGammaFitter.MIN_CUSTOMERS;

    public ClvModel {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** A model without standard errors. */
    public ClvModel(BgNbdFit purchases, GammaGammaFit spend, LocalDate asOf) {
        this(purchases, spend, asOf, null);
    }

    /**
     * Fits both models on a customer base, or says why it cannot: too few customers or repeat customers, or
     * a fit that fails on these data (e.g. Gamma-Gamma q ≤ 1).
     */
    public static FitOutcome fit(RfmSummary summary) {
        String insufficiency = insufficiency(summary);
        if (insufficiency != null) {
            return new InsufficientData(insufficiency);
        }
        try {
            BgNbdData purchaseData = summary.toBgNbdData();
            GammaGammaData spendData = summary.toGammaGammaData();
            BgNbdFit purchases = new BgNbdFitter().fit(purchaseData, summary.unit());
            GammaGammaFit spend = new GammaGammaFitter().fit(spendData);
            return new ClvModel(purchases, spend, summary.asOf(),
                    StandardErrors.of(purchases, purchaseData, spend, spendData));
        } catch (ModelFitException e) {
            return new InsufficientData(e.getMessage());
        }
    }

    /** Why a customer base is too small for any model, or null when it is not. */
    public static String insufficiency(RfmSummary summary) {
        long repeat = summary.customers().values().stream().filter(r -> r.frequency() > 0).count();
        if (summary.size() < MIN_CUSTOMERS) {
            return "needs at least " + MIN_CUSTOMERS + " customers, has " + summary.size();
        }
        if (repeat < MIN_REPEAT_CUSTOMERS) {
            return "needs at least " + MIN_REPEAT_CUSTOMERS + " customers with a repeat purchase, has " + repeat;
        }
        return null;
    }

    public TimeUnit unit() {
        return purchases.parameters().unit();
    }

    /** Predicts one customer (summary in this model's unit, as of the model's day or later). */
    public PredictionResult predict(Rfm rfm, ClvSettings settings) {
        if (rfm.unit() != unit()) {
            throw new IllegalArgumentException("the customer's summary is in " + rfm.unit().label()
                    + " but the model in " + unit().label());
        }
        BgNbdModel bgNbd = purchases.model();
        double horizon = settings.horizonMonths() * unit().perMonth();
        double expectedSpend = spend.model().conditionalExpectedAverageSpend(rfm.frequency(),
                rfm.monetaryValue().doubleValue());
        double expectedPurchases = bgNbd.expectedPurchases(horizon, rfm.frequency(), rfm.recency(), rfm.age());
        double alive = bgNbd.probabilityAlive(rfm.frequency(), rfm.recency(), rfm.age());
        return new Prediction(settings.horizonMonths(), horizon, unit(), expectedPurchases, alive, expectedSpend,
                Clv.discounted(bgNbd, expectedSpend, rfm, settings));
    }
}
