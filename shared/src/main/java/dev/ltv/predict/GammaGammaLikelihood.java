package dev.ltv.predict;

import dev.ltv.predict.optim.DifferentiableFunction;

/**
 * Gamma-Gamma negative log-likelihood of customers' mean spend and its exact gradient in (ln p, ln q, ln γ).
 *
 * <p>Per customer (Fader, Hardie &amp; Lee 2005, "RFM and CLV", eq. 3 in density form):
 * ln f(m̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
 * The gamma functions depend on the row only through x, so they are evaluated once per distinct x.
 * Money is multiplied by {@code moneyScale} so that γ is of order 1 whatever the currency.
 */
final class GammaGammaLikelihood implements DifferentiableFunction {

    private final int[] distinctX;
    private final int[] xIndex;
    private final double[] logX;
    private final double[] x;
    private final double[] logSpend;
    private final double[] totalSpend; // x · m̄
    private final double[] countByX;
    private final double[] sumXLogSpendXByX; // per distinct x: Σ x(ln m̄ + ln x)
    private final double[] sumLogSpendByX;   // per distinct x: Σ ln m̄
    private final int n;

    GammaGammaLikelihood(GammaGammaData data, double moneyScale) {
        n = data.size();
        int[] freq = data.frequency();
        double[] spend = data.meanSpend();
        DistinctValues distinct = new DistinctValues(toDouble(freq), 1);
        distinctX = new int[distinct.values.length];
        for (int k = 0; k < distinctX.length; k++) {
            distinctX[k] = (int) distinct.values[k];
        }
        xIndex = distinct.index;
        logX = new double[distinctX.length];
        for (int k = 0; k < distinctX.length; k++) {
            logX[k] = Math.log(distinctX[k]);
        }
        x = toDouble(freq);
        logSpend = new double[n];
        totalSpend = new double[n];
        countByX = new double[distinctX.length];
        sumXLogSpendXByX = new double[distinctX.length];
        sumLogSpendByX = new double[distinctX.length];
        for (int i = 0; i < n; i++) {
            double m = spend[i] * moneyScale;
            logSpend[i] = Math.log(m);
            totalSpend[i] = freq[i] * m;
            int k = xIndex[i];
            countByX[k]++;
            sumLogSpendByX[k] += logSpend[i];
            sumXLogSpendXByX[k] += freq[i] * (logSpend[i] + logX[k]);
        }
    }

    private static double[] toDouble(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    int size() {
        return n;
    }

    double logLikelihood(double p, double q, double gamma) {
        return -valueAndGradient(new double[] {Math.log(p), Math.log(q), Math.log(gamma)}, new double[3]);
    }

    @Override
    public double valueAndGradient(double[] logParams, double[] gradient) {
        double p = Math.exp(logParams[0]);
        double q = Math.exp(logParams[1]);
        double gamma = Math.exp(logParams[2]);
        if (!(p > 0 && q > 0 && gamma > 0 && p < 1e300 && q < 1e300 && gamma < 1e300)) {
            java.util.Arrays.fill(gradient, Double.NaN);
            return Double.POSITIVE_INFINITY;
        }
        double logGamma = Math.log(gamma);
        double lgQ = SpecialFunctions.logGamma(q);
        double psiQ = SpecialFunctions.digamma(q);
        double ll = 0;
        double gp = 0;
        double gq = 0;
        double gg = 0;
        for (int k = 0; k < distinctX.length; k++) {
            double px = p * distinctX[k];
            double c = countByX[k];
            double psiPxq = SpecialFunctions.digamma(px + q);
            double psiPx = SpecialFunctions.digamma(px);
            ll += c * (SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - lgQ + q * logGamma
                    + px * logX[k]) + (px - 1) * sumLogSpendByX[k];
            gp += c * distinctX[k] * (psiPxq - psiPx) + sumXLogSpendXByX[k];
            gq += c * (psiPxq - psiQ + logGamma);
            gg += c * q / gamma;
        }
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double denominator = gamma + totalSpend[i];
            double logDenominator = Math.log(denominator);
            double shape = p * xi + q;
            ll -= shape * logDenominator;
            gp -= xi * logDenominator;
            gq -= logDenominator;
            gg -= shape / denominator;
        }
        gradient[0] = -gp * p;
        gradient[1] = -gq * q;
        gradient[2] = -gg * gamma;
        return -ll;
    }
}
