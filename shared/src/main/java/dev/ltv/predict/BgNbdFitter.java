package dev.ltv.predict;

import dev.ltv.predict.optim.OptimizationResult;

/**
 * Maximum-likelihood fit of BG/NBD.
 *
 * <p>Time is first rescaled so the longest observation T is {@value #TARGET_MAX_AGE}: the optimum's α is then
 * of order 1 in every unit, so one starting point and one set of tolerances fit data in days or weeks alike;
 * α is scaled back afterwards (r, a, b do not depend on the time scale). Large data sets
 * (more than {@value #SUBSAMPLE_ABOVE} distinct rows) find the basin on a deterministic subsample before the
 * gradient polish on all rows.
 */
public final class BgNbdFitter {

    static final double TARGET_MAX_AGE = 10;
    static final int SUBSAMPLE_ABOVE = 20_000;
    private static final String[] NAMES = {"r", "alpha", "a", "b"};

    /**
     * @param data customers' (x, t_x, T) in {@code unit}
     * @throws ModelFitException when the data cannot identify the model (no repeat purchases, all T = 0) or the
     *                           optimiser does not converge
     */
    public BgNbdFit fit(BgNbdData data, TimeUnit unit) {
        Scaled scaled = scale(data);
        BgNbdLikelihood full = new BgNbdLikelihood(data, scaled.factor);
        BgNbdLikelihood coarse = data.rows() > SUBSAMPLE_ABOVE
                ? new BgNbdLikelihood(data.stride((data.rows() + SUBSAMPLE_ABOVE - 1) / SUBSAMPLE_ABOVE), scaled.factor)
                : full;
        OptimizationResult optimum = MaximumLikelihood.fit("BG/NBD", NAMES,
                MaximumLikelihood.perCustomer(coarse, coarse.totalWeight()),
                MaximumLikelihood.perCustomer(full, full.totalWeight()), new double[4]);
        double[] p = optimum.point();
        BgNbdParameters parameters = new BgNbdParameters(Math.exp(p[0]), Math.exp(p[1]) / scaled.factor,
                Math.exp(p[2]), Math.exp(p[3]), unit);
        // undo the rescaling exactly: each customer's likelihood scales by s^-x (the Jacobian of t -> s·t)
        double sumX = 0;
        for (int i = 0; i < data.rows(); i++) {
            sumX += data.weight()[i] * data.frequency()[i];
        }
        double logLikelihood = -optimum.value() * full.totalWeight() + Math.log(scaled.factor) * sumX;
        return new BgNbdFit(parameters, logLikelihood, data.totalWeight(), optimum.evaluations());
    }

    /**
     * Asymptotic standard errors of ln r, ln α, ln a, ln b at a fitted optimum (observed Fisher information).
     * On the log scale they are relative errors, and do not depend on the time unit.
     */
    public static double[] logParameterStandardErrors(BgNbdFit fit, BgNbdData data) {
        BgNbdParameters q = fit.parameters();
        return FisherInformation.standardErrors(new BgNbdLikelihood(data, 1),
                new double[] {Math.log(q.r()), Math.log(q.alpha()), Math.log(q.a()), Math.log(q.b())});
    }

    private record Scaled(double factor) {
    }

    private static Scaled scale(BgNbdData data) {
        double maxAge = 0;
        boolean repeat = false;
        for (int i = 0; i < data.rows(); i++) {
            maxAge = Math.max(maxAge, data.age()[i]);
            repeat |= data.frequency()[i] > 0;
        }
        if (data.rows() == 0) {
            throw new ModelFitException("BG/NBD: no customers to fit");
        }
        if (!repeat) {
            throw new ModelFitException("BG/NBD: no customer has a repeat purchase; the purchase rate and dropout"
                    + " cannot be estimated");
        }
        if (maxAge == 0) {
            throw new ModelFitException("BG/NBD: every customer has age T = 0; nothing has been observed yet");
        }
        return new Scaled(TARGET_MAX_AGE / maxAge);
    }
}
