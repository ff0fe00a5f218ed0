package dev.ltv.predict;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted purchase model.
 *
 * @param kind          which model
 * @param parameters    the maximum-likelihood parameters in {@link ModelKind#parameterNames()} order, time
 *                      scales in {@code unit}
 * @param unit          the time unit
 * @param logLikelihood the maximised log-likelihood of the data in that unit
 * @param customers     number of customers fitted
 * @param evaluations   likelihood evaluations the optimisers used
 * @param logCovariance asymptotic covariance of the log-parameters (inverse observed information); the same
 *                      in every time unit
 */
public record PurchaseFit(ModelKind kind, double[] parameters, TimeUnit unit, double logLikelihood,
                          double customers, int evaluations, double[][] logCovariance) {

    public PurchaseFit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        parameters = parameters.clone();
        logCovariance = Arrays.stream(logCovariance).map(double[]::clone).toArray(double[][]::new);
    }

    public PurchaseModel model() {
        return kind.model(parameters, unit);
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** Standard errors of the parameters themselves (delta method: θ · se(ln θ)). */
    public double[] standardErrors() {
        double[] se = new double[parameters.length];
        for (int i = 0; i < se.length; i++) {
            se[i] = parameters[i] * Math.sqrt(logCovariance[i][i]);
        }
        return se;
    }

    /** The fit as a BG/NBD fit, for code that predates the other models. */
    public BgNbdFit asBgNbd() {
        if (kind != ModelKind.BGNBD) {
            throw new IllegalStateException(kind.label() + " is not BG/NBD");
        }
        return new BgNbdFit(new BgNbdParameters(parameters[0], parameters[1], parameters[2], parameters[3], unit),
                logLikelihood, customers, evaluations);
    }
}
