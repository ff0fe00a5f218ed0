package dev.ltv.predict;

import java.util.Objects;

/**
 * BG/NBD parameters: purchase rates λ ~ Gamma(shape r, rate α), dropout probabilities p ~ Beta(a, b).
 *
 * <p>α is a time scale and so is tied to {@code unit} (α in days = 7 × α in weeks); r, a and b are unitless.
 */
public record BgNbdParameters(double r, double alpha, double a, double b, TimeUnit unit) {
    public BgNbdParameters {
        Objects.requireNonNull(unit, "unit");
        for (double v : new double[] {r, alpha, a, b}) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r
                        + " alpha=" + alpha + " a=" + a + " b=" + b);
            }
        }
    }
}
