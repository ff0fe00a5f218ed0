package dev.ltv.predict;

/**
 * Gamma-Gamma parameters: each purchase's spend ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate γ) across
 * customers. γ carries the money unit; p and q are unitless. The population mean spend pγ/(q−1) exists only
 * for q &gt; 1.
 */
public record GammaGammaParameters(double p, double q, double gamma) {
    public GammaGammaParameters {
        for (double v : new double[] {p, q, gamma}) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p=" + p
                        + " q=" + q + " gamma=" + gamma);
            }
        }
    }
}
