package dev.ltv.query;

import dev.ltv.model.FitAttempt;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.StandardErrors;

import java.util.Optional;

/**
 * The body of {@code GET /model}: the model predictions use now (the latest fitted version: its parameters,
 * their standard errors, log-likelihoods and the data counts it was fitted on) and the outcome of the last fit, which may be a
 * refusal that left the previous version in use. Before any successful fit the status is INSUFFICIENT_DATA
 * with the reason. Members that are null are left out.
 */
record ModelView(String status, String reason, Model model, LastFit lastFit) {

    /** @param standardErrors absent for versions saved without them */
    record Model(long version, String fittedAt, String asOf, String unit, String kind, long customers,
                 long repeatCustomers, long spendCustomers, BgNbd bgnbd, GammaGamma gammaGamma,
                 Errors standardErrors) {
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

    static ModelView of(Optional<StoredModel> latest, Optional<FitAttempt> lastFit) {
        LastFit last = lastFit.map(f -> new LastFit(f.outcome().name(), f.at().toString(), f.asOf().toString(),
                f.unit().label(), f.customers(), f.outcome() == FitAttempt.Outcome.FITTED ? f.version() : null,
                f.reason())).orElse(null);
        if (latest.isEmpty()) {
            return new ModelView("INSUFFICIENT_DATA", last == null
                    ? "no predictive model has been fitted yet (POST /model/fit, or wait for the schedule)"
                    : "no fit has succeeded yet: " + last.reason(), null, last);
        }
        StoredModel m = latest.get();
        return new ModelView("FITTED", null, new Model(m.version(), m.fittedAt().toString(), m.asOf().toString(),
                m.unit().label(), "bgnbd", m.customers(), m.repeatCustomers(), m.spendCustomers(),
                new BgNbd(m.bgNbd().r(), m.bgNbd().alpha(), m.bgNbd().a(), m.bgNbd().b(), m.bgNbdLogLikelihood()),
                new GammaGamma(m.gammaGamma().p(), m.gammaGamma().q(), m.gammaGamma().gamma(),
                        m.gammaGammaLogLikelihood()), errors(m.standardErrors())), last);
    }

    private static Errors errors(StandardErrors se) {
        return se == null ? null : new Errors(new BgNbdErrors(se.r(), se.alpha(), se.a(), se.b()),
                new GammaGammaErrors(se.p(), se.q(), se.gamma()));
    }
}
