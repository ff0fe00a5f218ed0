package dev.ltv.predict;

import java.util.Objects;

/**
 * Predictions of a fitted Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987; expressions as in Fader,
 * Hardie &amp; Lee 2005, "A note on deriving the Pareto/NBD model and related expressions"). A customer may
 * drop out at any moment (exponential lifetime), not only after a purchase, so a one-time buyer who stays
 * silent is written off over time. All times in {@code parameters().unit()}.
 */
public final class ParetoNbdModel implements PurchaseModel {

    private final ParetoNbdParameters parameters;

    public ParetoNbdModel(ParetoNbdParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public ParetoNbdParameters parameters() {
        return parameters;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.PARETONBD;
    }

    @Override
    public TimeUnit unit() {
        return parameters.unit();
    }

    /** The log-likelihood of {@code data} (times in {@code parameters.unit()}) under these parameters. */
    public static double logLikelihood(ParetoNbdParameters p, BgNbdData data) {
        return new ParetoNbdLikelihood(data, 1).logLikelihood(p.r(), p.alpha(), p.s(), p.beta());
    }

    /** 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀) (the note's eq. 18). */
    @Override
    public double probabilityAlive(int x, double recency, double age) {
        PurchaseModel.checkHistory(x, recency, age);
        double r = parameters.r();
        double alpha = parameters.alpha();
        double s = parameters.s();
        double beta = parameters.beta();
        double logOdds = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + age) + s * Math.log(beta + age)
                + ParetoNbdLikelihood.logA0(r, alpha, s, beta, x, recency, age);
        return logOdds == Double.NEGATIVE_INFINITY ? 1 : 1 / (1 + Math.exp(logOdds));
    }

    /** (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive) (the note's eq. 21). */
    @Override
    public double expectedPurchases(double t, int x, double recency, double age) {
        PurchaseModel.checkHistory(x, recency, age);
        PurchaseModel.requireHorizon(t);
        if (t == 0) {
            return 0;
        }
        double r = parameters.r();
        double alpha = parameters.alpha();
        double beta = parameters.beta();
        double lifetime = survivalIntegral(parameters.s(), beta + age, t);
        return (r + x) / (alpha + age) * lifetime * probabilityAlive(x, recency, age);
    }

    /** r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)]. */
    @Override
    public double unconditionalExpectedPurchases(double t) {
        PurchaseModel.requireHorizon(t);
        if (t == 0) {
            return 0;
        }
        return parameters.r() / parameters.alpha() * survivalIntegral(parameters.s(), parameters.beta(), t);
    }

    /**
     * ∫₀ᵗ (b/(b+u))^s du = b/(s−1) · [1 − (b/(b+t))^(s−1)], the expected time alive within t; written with
     * expm1 so that s = 1 (where it is b·ln((b+t)/b)) needs no special case.
     */
    private static double survivalIntegral(double s, double b, double t) {
        double logRatio = -Math.log1p(t / b);
        double sm1 = s - 1;
        if (sm1 == 0) {
            return -b * logRatio;
        }
        return -b * Math.expm1(sm1 * logRatio) / sm1;
    }
}
