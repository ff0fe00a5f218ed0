package dev.ltv.predict;

import dev.ltv.predict.optim.DifferentiableFunction;
import dev.ltv.predict.optim.OptimizationResult;

/**
 * Maximum-likelihood fit of any of the purchase models on (x, t_x, T), with the asymptotic covariance of the
 * log-parameters.
 *
 * <p>As for BG/NBD ({@link BgNbdFitter}), time is rescaled so the longest T is {@value BgNbdFitter#TARGET_MAX_AGE}
 * (time-scale parameters are then of order 1 whatever the unit, and are scaled back afterwards), and large data
 * sets find the basin on a deterministic subsample before the polish on all rows.
 */
public final class PurchaseModelFitter {

    /**
     * @throws ModelFitException when the data cannot identify the model (no repeat purchases, all T = 0), the
     *                           optimiser does not converge, a parameter runs off to 0 or ∞, or the information
     *                           matrix is singular; the message names the model and the reason
     */
    public PurchaseFit fit(ModelKind kind, BgNbdData data, TimeUnit unit) {
        double factor = scale(kind, data);
        DifferentiableFunction full = likelihood(kind, data, factor);
        DifferentiableFunction coarse = data.rows() > BgNbdFitter.SUBSAMPLE_ABOVE
                ? likelihood(kind, data.stride((data.rows() + BgNbdFitter.SUBSAMPLE_ABOVE - 1)
                / BgNbdFitter.SUBSAMPLE_ABOVE), factor)
                : full;
        double coarseWeight = coarse == full ? data.totalWeight() : strideWeight(data);
        String[] names = kind.parameterNames().toArray(String[]::new);
        OptimizationResult optimum = MaximumLikelihood.fit(kind.label(), names,
                MaximumLikelihood.perCustomer(coarse, coarseWeight),
                MaximumLikelihood.perCustomer(full, data.totalWeight()), new double[4]);
        double[] point = optimum.point();
        double[] parameters = new double[4];
        for (int i = 0; i < 4; i++) {
            parameters[i] = Math.exp(point[i]) / (kind.isTimeScale(i) ? factor : 1);
        }
        double sumX = 0;
        for (int i = 0; i < data.rows(); i++) {
            sumX += data.weight()[i] * data.frequency()[i];
        }
        // each customer's likelihood of the rescaled data is s^-x times that of the data (Jacobian of t -> s·t)
        double logLikelihood = -optimum.value() * data.totalWeight() + Math.log(factor) * sumX;
        double[][] covariance = covariance(kind, full, point);
        return new PurchaseFit(kind, parameters, unit, logLikelihood, data.totalWeight(), optimum.evaluations(),
                covariance);
    }

    private static double strideWeight(BgNbdData data) {
        return data.stride((data.rows() + BgNbdFitter.SUBSAMPLE_ABOVE - 1) / BgNbdFitter.SUBSAMPLE_ABOVE).totalWeight();
    }

    /** The inverse observed information in log-parameters (invariant to the time rescaling: ln α only shifts). */
    private static double[][] covariance(ModelKind kind, DifferentiableFunction negativeLogLikelihood, double[] point) {
        double[][] covariance;
        try {
            covariance = FisherInformation.invert(FisherInformation.hessian(negativeLogLikelihood, point));
        } catch (ModelFitException singular) {
            throw new ModelFitException(kind.label() + ": " + singular.getMessage());
        }
        for (int i = 0; i < covariance.length; i++) {
            if (!(covariance[i][i] > 0 && Double.isFinite(covariance[i][i]))) {
                throw new ModelFitException(kind.label() + ": the information matrix is not positive definite at the"
                        + " optimum; the data do not determine " + kind.parameterNames().get(i));
            }
        }
        return covariance;
    }

    static DifferentiableFunction likelihood(ModelKind kind, BgNbdData data, double timeScale) {
        return switch (kind) {
            case BGNBD -> new BgNbdLikelihood(data, timeScale, false);
            case MBGNBD -> new BgNbdLikelihood(data, timeScale, true);
            case PARETONBD -> new ParetoNbdLikelihood(data, timeScale);
        };
    }

    private static double scale(ModelKind kind, BgNbdData data) {
        double maxAge = 0;
        boolean repeat = false;
        for (int i = 0; i < data.rows(); i++) {
            maxAge = Math.max(maxAge, data.age()[i]);
            repeat |= data.frequency()[i] > 0;
        }
        if (data.rows() == 0) {
            throw new ModelFitException(kind.label() + ": no customers to fit");
        }
        if (!repeat) {
            throw new ModelFitException(kind.label() + ": no customer has a repeat purchase; the purchase rate and"
                    + " dropout cannot be estimated");
        }
        if (maxAge == 0) {
            throw new ModelFitException(kind.label() + ": every customer has age T = 0; nothing has been observed yet");
        }
        return BgNbdFitter.TARGET_MAX_AGE / maxAge;
    }
}
