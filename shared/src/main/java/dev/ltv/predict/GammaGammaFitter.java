package dev.ltv.predict;

import dev.ltv.predict.optim.OptimizationResult;

/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model on repeat customers.
 *
 * <p>Spend is rescaled so its mean is 1 (γ is scaled back afterwards). A fit with q ≤ 1 is refused: the
 * model's expected spend pγ/(q−1) is then undefined (the fitted spend distribution has no mean), and any
 * number reported would be invented.
 */
public final class GammaGammaFitter {

    /** Three parameters need clearly more customers than that; below this the estimates are noise. */
    public static final int MIN_CUSTOMERS = 10;
    private static final String[] NAMES = {"p", "q", "gamma"};

    /**
     * @throws ModelFitException for fewer than {@value #MIN_CUSTOMERS} customers, identical spends (no
     *                           variation to fit), non-convergence, or q ≤ 1
     */
    public GammaGammaFit fit(GammaGammaData data) {
        if (data.size() < MIN_CUSTOMERS) {
            throw new ModelFitException("Gamma-Gamma: needs at least " + MIN_CUSTOMERS
                    + " customers with repeat purchases and positive spend, has " + data.size());
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double m : data.meanSpend()) {
            mean += m / data.size();
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        if (min == max) {
            throw new ModelFitException("Gamma-Gamma: every customer has the same mean spend; there is no"
                    + " variation to fit");
        }
        double scale = 1 / mean;
        GammaGammaLikelihood likelihood = new GammaGammaLikelihood(data, scale);
        var perCustomer = MaximumLikelihood.perCustomer(likelihood, data.size());
        OptimizationResult optimum = MaximumLikelihood.fit("Gamma-Gamma", NAMES, perCustomer, perCustomer,
                new double[3]);
        double[] v = optimum.point();
        GammaGammaParameters parameters = new GammaGammaParameters(Math.exp(v[0]), Math.exp(v[1]),
                Math.exp(v[2]) / scale);
        if (parameters.q() <= 1) {
            throw new ModelFitException("Gamma-Gamma: fitted q = " + parameters.q() + " <= 1, so the expected"
                    + " spend is undefined (spend too heavy-tailed for the model)");
        }
        return new GammaGammaFit(parameters, GammaGammaModel.logLikelihood(parameters, data), data.size(),
                optimum.evaluations());
    }

    /** Asymptotic covariance of ln p, ln q, ln γ at a fitted optimum (inverse observed information). */
    public static double[][] logParameterCovariance(GammaGammaFit fit, GammaGammaData data) {
        GammaGammaParameters q = fit.parameters();
        return FisherInformation.invert(FisherInformation.hessian(new GammaGammaLikelihood(data, 1),
                new double[] {Math.log(q.p()), Math.log(q.q()), Math.log(q.gamma())}));
    }

    /** Asymptotic standard errors of ln p, ln q, ln γ at a fitted optimum (observed Fisher information). */
    public static double[] logParameterStandardErrors(GammaGammaFit fit, GammaGammaData data) {
        GammaGammaParameters q = fit.parameters();
        return FisherInformation.standardErrors(new GammaGammaLikelihood(data, 1),
                new double[] {Math.log(q.p()), Math.log(q.q()), Math.log(q.gamma())});
    }
}
