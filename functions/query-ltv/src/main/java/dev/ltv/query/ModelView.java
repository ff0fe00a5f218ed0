package dev.ltv.query;

import dev.ltv.model.FitAttempt;
import dev.ltv.model.ModelCandidate;
import dev.ltv.model.ModelChoice;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.StandardErrors;

import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The body of {@code GET /model}: the model predictions use now (the latest fitted version: which purchase
 * model was chosen and how, its parameters, their standard errors, log-likelihoods and the data counts it was
 * fitted on, every candidate model with its holdout scorecard, the measured lifespan and company forecast) and the outcome of the last fit, which may be a
 * refusal that left the previous version in use. Before any successful fit the status is INSUFFICIENT_DATA
 * with the reason. Members that are null are left out.
 */
record ModelView(String status, String reason, Model model, LastFit lastFit) {

    /**
     * @param standardErrors absent for versions saved without them
     * @param kind           the purchase model predictions use
     * @param selection      "auto" (the lowest holdout RMSE) or "configured" (CLV_MODEL); absent in versions saved
     *                       before candidate models
     * @param scorecard      the chosen model's holdout scorecard (absent when it could not be scored)
     * @param candidates     every model the fit tried, with its parameters or refusal and its scorecard
     */
    record Model(long version, String fittedAt, String asOf, String unit, String kind, long customers,
                 long repeatCustomers, long spendCustomers, BgNbd bgnbd, GammaGamma gammaGamma,
                 Errors standardErrors, String selection, ParetoNbd paretonbd, BgNbd mbgnbd, Holdout holdout,
                 ModelScores.Scorecard scorecard, List<ModelScores.Candidate> candidates,
                 MetricsForecast.Lifespan measuredLifespan, MetricsForecast.Forecast forecast) {
    }

    record ParetoNbd(double r, double alpha, double s, double beta, double logLikelihood) {
    }

    /** The calibration period's end and the holdout's; absent when the data allowed no holdout. */
    record Holdout(String calibrationEnd, String holdoutEnd) {
    }

    record Errors(BgNbdErrors bgnbd, GammaGammaErrors gammaGamma) {
    }

    record BgNbdErrors(double r, double alpha, double a, double b) {
    }

    record GammaGammaErrors(double p, double q, double gamma) {
    }

    record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {
    }

    record GammaGamma(double p, double q, double gamma, double logLikelihood) {
    }

    /** @param version the model the fit produced (FITTED only) */
    record LastFit(String outcome, String at, String asOf, String unit, long customers, Long version, String reason) {
    }

    static ModelView of(Optional<StoredModel> latest, Optional<FitAttempt> lastFit, Currency currency) {
        LastFit last = lastFit.map(f -> new LastFit(f.outcome().name(), f.at().toString(), f.asOf().toString(),
                f.unit().label(), f.customers(), f.outcome() == FitAttempt.Outcome.FITTED ? f.version() : null,
                f.reason())).orElse(null);
        if (latest.isEmpty()) {
            return new ModelView("INSUFFICIENT_DATA", last == null
                    ? "no predictive model has been fitted yet (POST /model/fit, or wait for the schedule)"
                    : "no fit has succeeded yet: " + last.reason(), null, last);
        }
        StoredModel m = latest.get();
        ModelChoice choice = m.choice();
        return new ModelView("FITTED", null, new Model(m.version(), m.fittedAt().toString(), m.asOf().toString(),
                m.unit().label(), m.kind().id(), m.customers(), m.repeatCustomers(), m.spendCustomers(),
                new BgNbd(m.bgNbd().r(), m.bgNbd().alpha(), m.bgNbd().a(), m.bgNbd().b(), m.bgNbdLogLikelihood()),
                new GammaGamma(m.gammaGamma().p(), m.gammaGamma().q(), m.gammaGamma().gamma(),
                        m.gammaGammaLogLikelihood()), errors(m.standardErrors()),
                choice == null ? null : choice.selection().name().toLowerCase(Locale.ROOT),
                fitted(choice, ModelKind.PARETONBD).map(p -> new ParetoNbd(p.parameters()[0], p.parameters()[1],
                        p.parameters()[2], p.parameters()[3], p.logLikelihood())).orElse(null),
                fitted(choice, ModelKind.MBGNBD).map(p -> new BgNbd(p.parameters()[0], p.parameters()[1],
                        p.parameters()[2], p.parameters()[3], p.logLikelihood())).orElse(null),
                choice == null || choice.calibrationEnd() == null ? null
                        : new Holdout(choice.calibrationEnd().toString(), choice.holdoutEnd().toString()),
                choice == null || choice.chosen().scorecard() == null ? null
                        : ModelScores.scorecard(choice.chosen().scorecard()),
                choice == null ? null : choice.candidates().stream().map(ModelScores::candidate).toList(),
                MetricsForecast.lifespan(m), MetricsForecast.forecast(m, currency)), last);
    }

    private static Optional<PurchaseFit> fitted(ModelChoice choice, ModelKind kind) {
        return choice == null ? Optional.empty() : choice.candidate(kind).map(ModelCandidate::fit);
    }

    private static Errors errors(StandardErrors se) {
        return se == null ? null : new Errors(new BgNbdErrors(se.r(), se.alpha(), se.a(), se.b()),
                new GammaGammaErrors(se.p(), se.q(), se.gamma()));
    }
}
