package dev.ltv.predict;

/**
 * A fitted BG/NBD model.
 *
 * @param parameters    the maximum-likelihood parameters (α in {@code parameters.unit()})
 * @param logLikelihood the maximised log-likelihood of the data in that unit
 * @param customers     number of customers fitted (sum of row weights)
 * @param evaluations   likelihood evaluations the optimisers used
 */
public record BgNbdFit(BgNbdParameters parameters, double logLikelihood, double customers, int evaluations) {

    public BgNbdModel model() {
        return new BgNbdModel(parameters);
    }
}
