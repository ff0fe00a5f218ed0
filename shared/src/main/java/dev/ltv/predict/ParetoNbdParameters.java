package dev.ltv.predict;

import java.util.Objects;

/**
 * Pareto/NBD parameters: purchase rates λ ~ Gamma(shape r, rate α), dropout rates μ ~ Gamma(shape s, rate β).
 *
 * <p>α and β are time scales and so are tied to {@code unit}; r and s are unitless.
 */
public record ParetoNbdParameters(double r, double alpha, double s, double beta, TimeUnit unit) {
    public ParetoNbdParameters {
        Objects.requireNonNull(unit, "unit");
        for (double v : new double[] {r, alpha, s, beta}) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("Pareto/NBD parameters must be positive and finite: r=" + r
                        + " alpha=" + alpha + " s=" + s + " beta=" + beta);
            }
        }
    }
}
