package dev.ltv.predict;

/**
 * Asymptotic standard errors of the fitted BG/NBD and Gamma-Gamma parameters (observed information; each θ ·
 * se(ln θ), the delta method on the log-parameters the optimiser works in). α's is in the model's time unit,
 * γ's in the base currency.
 */
public record StandardErrors(double r, double alpha, double a, double b, double p, double q, double gamma) {

    public StandardErrors {
        for (double v : new double[] {r, alpha, a, b, p, q, gamma}) {
            if (!(v > 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("standard errors must be positive and finite");
            }
        }
    }

    /**
     * The standard errors at these fits, or null when the information matrix is not positive definite there
     * (a parameter the data barely determine): the fit stands, but no error can be quoted.
     */
    static StandardErrors of(BgNbdFit purchases, BgNbdData purchaseData, GammaGammaFit spend, GammaGammaData spendData) {
        try {
            double[] lp = BgNbdFitter.logParameterStandardErrors(purchases, purchaseData);
            double[] ls = GammaGammaFitter.logParameterStandardErrors(spend, spendData);
            BgNbdParameters b = purchases.parameters();
            GammaGammaParameters g = spend.parameters();
            return new StandardErrors(b.r() * lp[0], b.alpha() * lp[1], b.a() * lp[2], b.b() * lp[3],
                    g.p() * ls[0], g.q() * ls[1], g.gamma() * ls[2]);
        } catch (ModelFitException | IllegalArgumentException notPositiveDefinite) {
            return null;
        }
    }
}
