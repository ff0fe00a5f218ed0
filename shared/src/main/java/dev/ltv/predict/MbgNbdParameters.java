package dev.ltv.predict;

import java.util.Objects;

/**
 * MBG/NBD parameters: purchase rates λ ~ Gamma(shape r, rate α), dropout probabilities p ~ Beta(a, b), the
 * dropout chance taken at every purchase including the first.
 *
 * <p>α is a time scale and so is tied to {@code unit}; r, a and b are unitless.
 */
public record MbgNbdParameters(double r, double alpha, double a, double b, TimeUnit unit) {
    public MbgNbdParameters {
        Objects.requireNonNull(unit, "unit");
        for (double v : new double[] {r, alpha, a, b}) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("MBG/NBD parameters must be positive and finite: r=" + r
                        + " alpha=" + alpha + " a=" + a + " b=" + b);
            }
        }
    }
}
