package dev.ltv.model;

import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdModel;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.PurchaseModel;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.StandardErrors;
import dev.ltv.predict.TimeUnit;
import dev.ltv.segment.SegmentBoundaries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One saved version of the predictive CLV model: the parameters of both fits, what they were fitted on, and
 * when.
 *
 * @param version                 1, 2, 3… in the order the fits were saved
 * @param fittedAt                when the fit was saved
 * @param asOf                    the calibration period's last day (inclusive)
 * @param customers               customers in the calibration period
 * @param repeatCustomers         those with at least one repeat purchase day
 * @param spendCustomers          repeat customers with positive spend: what Gamma-Gamma was fitted on
 * @param bgNbd                   BG/NBD parameters; their unit is the model's time unit
 * @param bgNbdLogLikelihood      the maximised BG/NBD log-likelihood
 * @param gammaGamma              Gamma-Gamma parameters (γ in the base currency)
 * @param gammaGammaLogLikelihood the maximised Gamma-Gamma log-likelihood
 * @param standardErrors          the parameters' standard errors; null for versions saved before they were
 *                                stored, or when the fit could not quote them
 * @param choice                  the candidate models, their holdout scores and the one predictions use; null
 *                                for versions saved before candidates were stored (they predict with BG/NBD)
 * @param lifespan                the lifespan measured by the fit pass (null in older versions)
 * @param forecast                the company-level forecast of the fit pass (null in older versions)
 * @param segmentBoundaries       the customer base's segment boundaries computed by the same daily pass; null
 *                                for versions saved without them
 */
public record StoredModel(long version, Instant fittedAt, LocalDate asOf, long customers, long repeatCustomers,
                          long spendCustomers, BgNbdParameters bgNbd, double bgNbdLogLikelihood,
                          GammaGammaParameters gammaGamma, double gammaGammaLogLikelihood,
                          StandardErrors standardErrors, ModelChoice choice, MeasuredLifespan lifespan,
                          CompanyForecast forecast, SegmentBoundaries segmentBoundaries) {

    public StoredModel {
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(bgNbd, "bgNbd");
        Objects.requireNonNull(gammaGamma, "gammaGamma");
        if (version < 1) {
            throw new IllegalArgumentException("model versions start at 1, was " + version);
        }
    }

    /** A version with BG/NBD only (as saved before candidate models). */
    public StoredModel(long version, Instant fittedAt, LocalDate asOf, long customers, long repeatCustomers,
                       long spendCustomers, BgNbdParameters bgNbd, double bgNbdLogLikelihood,
                       GammaGammaParameters gammaGamma, double gammaGammaLogLikelihood,
                       StandardErrors standardErrors) {
        this(version, fittedAt, asOf, customers, repeatCustomers, spendCustomers, bgNbd, bgNbdLogLikelihood,
                gammaGamma, gammaGammaLogLikelihood, standardErrors, null, null, null, null);
    }

    /** A version without standard errors. */
    public StoredModel(long version, Instant fittedAt, LocalDate asOf, long customers, long repeatCustomers,
                       long spendCustomers, BgNbdParameters bgNbd, double bgNbdLogLikelihood,
                       GammaGammaParameters gammaGamma, double gammaGammaLogLikelihood) {
        this(version, fittedAt, asOf, customers, repeatCustomers, spendCustomers, bgNbd, bgNbdLogLikelihood,
                gammaGamma, gammaGammaLogLikelihood, null);
    }

    /** What a fresh fit is saved as, once the store has given it a version. */
    public static StoredModel of(long version, Instant fittedAt, ClvModel model, long repeatCustomers) {
        return of(version, fittedAt, model, repeatCustomers, FitPass.NONE);
    }

    /** The same, with what the fit pass added: candidates and choice, measured lifespan, forecast. */
    public static StoredModel of(long version, Instant fittedAt, ClvModel model, long repeatCustomers, FitPass pass) {
        return new StoredModel(version, fittedAt, model.asOf(), Math.round(model.purchases().customers()),
                repeatCustomers, model.spend().customers(), model.purchases().parameters(),
                model.purchases().logLikelihood(), model.spend().parameters(), model.spend().logLikelihood(),
                model.standardErrors(), pass.choice(), pass.lifespan(), pass.forecast(), null);
    }

    /** The segment boundaries stored with this version (absent for versions saved without them). */
    public Optional<SegmentBoundaries> boundaries() {
        return Optional.ofNullable(segmentBoundaries);
    }

    public StoredModel withBoundaries(SegmentBoundaries boundaries) {
        return new StoredModel(version, fittedAt, asOf, customers, repeatCustomers, spendCustomers, bgNbd,
                bgNbdLogLikelihood, gammaGamma, gammaGammaLogLikelihood, standardErrors, choice, lifespan, forecast,
                boundaries);
    }

    /**
     * What a fit pass computes beside BG/NBD and Gamma-Gamma, each null when not computed.
     */
    public record FitPass(ModelChoice choice, MeasuredLifespan lifespan, CompanyForecast forecast) {
        public static final FitPass NONE = new FitPass(null, null, null);
    }

    public TimeUnit unit() {
        return bgNbd.unit();
    }

    /** The purchase model predictions use: the chosen candidate, or BG/NBD in versions saved before candidates. */
    public ModelKind kind() {
        return choice == null ? ModelKind.BGNBD : choice.kind();
    }

    /** The chosen purchase model, fitted on all data. */
    public PurchaseModel purchaseModel() {
        return choice == null ? new BgNbdModel(bgNbd) : choice.chosen().fit().model();
    }

    /** One customer's prediction under this version's chosen purchase model and Gamma-Gamma. */
    public Prediction predict(Rfm rfm, ClvSettings settings) {
        return ModelPredictor.of(this).predict(rfm, settings);
    }

    public Optional<MeasuredLifespan> measuredLifespan() {
        return Optional.ofNullable(lifespan);
    }

    public Optional<CompanyForecast> companyForecast() {
        return Optional.ofNullable(forecast);
    }

    /** The model to predict with. The optimisers' evaluation counts are not stored, so they read 0. */
    public ClvModel model() {
        return new ClvModel(new BgNbdFit(bgNbd, bgNbdLogLikelihood, customers, 0),
                new GammaGammaFit(gammaGamma, gammaGammaLogLikelihood, Math.toIntExact(spendCustomers), 0), asOf,
                standardErrors);
    }
}
