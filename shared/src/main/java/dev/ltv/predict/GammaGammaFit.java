package dev.ltv.predict;

/**
 * A fitted Gamma-Gamma spend model.
 *
 * @param parameters    maximum-likelihood parameters (q &gt; 1 guaranteed by the fitter)
 * @param logLikelihood the maximised log-likelihood (density of mean spend in money units)
 * @param customers     number of repeat customers fitted
 * @param evaluations   likelihood evaluations the optimisers used
 */
public record GammaGammaFit(GammaGammaParameters parameters, double logLikelihood, int customers, int evaluations) {

    public GammaGammaModel model() {
        return new GammaGammaModel(parameters);
    }
}
