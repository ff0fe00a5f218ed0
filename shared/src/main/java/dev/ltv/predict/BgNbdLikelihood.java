package dev.ltv.predict;

import dev.ltv.predict.optim.DifferentiableFunction;

/**
 * BG/NBD (or MBG/NBD) negative log-likelihood and its exact gradient in log-parameters (ln r, ln α, ln a, ln b).
 *
 * <p>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007) differs only in letting a customer drop out right after
 * the first purchase too: the beta ratio runs to B(a, b+x+1), the "dead" term also exists for x = 0, and its
 * weight is a/(b+x) instead of a/(b+x−1). {@code modified} selects it; everything else is shared.
 *
 * <p>Per customer (Fader, Hardie &amp; Lee 2005, eq. 6):
 * L = Γ(r+x)α^r/Γ(r) · [B(a, b+x)/B(a,b) · (α+T)^−(r+x) + δ(x&gt;0) B(a+1, b+x−1)/B(a,b) · (α+t_x)^−(r+x)].
 * Because x is an integer, the gamma and beta ratios are finite products: ln Γ(r+x)/Γ(r) = Σ_{k&lt;x} ln(r+k)
 * and ln B(a,b+x)/B(a,b) = Σ_{k&lt;x} ln((b+k)/(a+b+k)), whose derivatives are sums of reciprocals, so no
 * log-gamma or digamma is evaluated. These depend on x only and are accumulated once per evaluation with the
 * total weight of each x; the logarithms of α+T and α+t_x are taken once per distinct value. Per row only
 * the two-term mixture remains (one exp, one log, computed as a stable log-sum-exp).
 *
 * <p>Times are multiplied by {@code timeScale} (the fitter rescales so the largest T is about 10, which
 * keeps α near 1 whatever the unit); the value is then the likelihood of the rescaled data.
 *
 * <p>Above {@value #CHUNK} rows the per-row work is split over the common fork-join pool; partial sums are
 * added in a fixed order, so the result does not depend on scheduling.
 */
final class BgNbdLikelihood implements DifferentiableFunction {

    private final int[] x;
    private final double[] weight;
    private final int[] ageIndex;
    private final int[] recencyIndex;
    private final double[] ages;
    private final double[] recencies;
    private final double[] weightByX;
    private final double totalWeight;
    private final int maxX;
    /** 1 for MBG/NBD (dropout possible after every purchase, the first included), 0 for BG/NBD. */
    private final int offset;

    BgNbdLikelihood(BgNbdData data, double timeScale) {
        this(data, timeScale, false);
    }

    BgNbdLikelihood(BgNbdData data, double timeScale, boolean modified) {
        this.offset = modified ? 1 : 0;
        this.x = data.frequency();
        this.weight = data.weight();
        DistinctValues t = new DistinctValues(data.age(), timeScale);
        DistinctValues tx = new DistinctValues(data.recency(), timeScale);
        this.ages = t.values;
        this.ageIndex = t.index;
        this.recencies = tx.values;
        this.recencyIndex = tx.index;
        int max = 0;
        for (int xi : x) {
            max = Math.max(max, xi);
        }
        this.maxX = max;
        this.weightByX = new double[max + 1];
        for (int i = 0; i < x.length; i++) {
            weightByX[x[i]] += weight[i];
        }
        this.totalWeight = data.totalWeight();
    }

    double totalWeight() {
        return totalWeight;
    }

    /** Log-likelihood (not negated) at natural parameters. */
    double logLikelihood(double r, double alpha, double a, double b) {
        return -valueAndGradient(new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)},
                new double[4]);
    }

    /** Rows per parallel task; below two chunks everything runs on the calling thread. */
    private static final int CHUNK = 65_536;

    private record Tables(double r, double invA, double[] logAlphaAge, double[] invAlphaAge,
                          double[] logAlphaRecency, double[] invAlphaRecency, double[] logDeathRatio,
                          double[] invBx1) {
    }

    private interface Range {
        void run(int from, int to);
    }

    private static int chunks(int n) {
        return Math.max(1, (n + CHUNK - 1) / CHUNK);
    }

    /** Runs {@code body} over [0, n) in chunks of {@link #CHUNK}, in parallel when there is more than one. */
    private static void forChunks(int n, Range body) {
        int chunks = chunks(n);
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        java.util.stream.IntStream.range(0, chunks).parallel()
                .forEach(c -> body.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    private static void logTable(double alpha, double[] times, double[] logs, double[] inverses, int from, int to) {
        for (int k = from; k < to; k++) {
            double v = alpha + times[k];
            logs[k] = Math.log(v);
            inverses[k] = 1 / v;
        }
    }

    /** Sums over rows [from, to) of the log-likelihood's mixture term and its gradient in (r, α, a, b). */
    private double[] rows(Tables t, int from, int to) {
        double r = t.r;
        double ll = 0;
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        for (int i = from; i < to; i++) {
            double w = weight[i];
            int xi = x[i];
            int ti = ageIndex[i];
            double logT = t.logAlphaAge[ti];
            if (xi == 0 && offset == 0) {
                ll -= w * r * logT;
                gr -= w * logT;
                gAlpha -= w * r * t.invAlphaAge[ti];
                continue;
            }
            int txi = recencyIndex[i];
            double logTx = t.logAlphaRecency[txi];
            double rx = r + xi;
            double alive = -rx * logT;                        // still alive at T
            double dead = t.logDeathRatio[xi] - rx * logTx;   // dropped out right after the last purchase
            double d = dead - alive;
            double lse;
            double wDead;
            if (d > 0) {
                double e = Math.exp(-d);
                lse = dead + Math.log(1 + e);
                wDead = 1 / (1 + e);
            } else {
                double e = Math.exp(d);
                lse = alive + Math.log(1 + e);
                wDead = e / (1 + e);
            }
            double wAlive = 1 - wDead;
            ll += w * lse;
            gr -= w * (wAlive * logT + wDead * logTx);
            gAlpha -= w * rx * (wAlive * t.invAlphaAge[ti] + wDead * t.invAlphaRecency[txi]);
            ga += w * wDead * t.invA;
            gb -= w * wDead * t.invBx1[xi];
        }
        return new double[] {ll, gr, gAlpha, ga, gb};
    }

    @Override
    public double valueAndGradient(double[] logParams, double[] gradient) {
        double r = Math.exp(logParams[0]);
        double alpha = Math.exp(logParams[1]);
        double a = Math.exp(logParams[2]);
        double b = Math.exp(logParams[3]);
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0 && r < Double.POSITIVE_INFINITY && alpha < Double.POSITIVE_INFINITY
                && a < Double.POSITIVE_INFINITY && b < Double.POSITIVE_INFINITY)) {
            java.util.Arrays.fill(gradient, Double.NaN);
            return Double.POSITIVE_INFINITY;
        }
        double[] logAlphaAge = new double[ages.length];
        double[] invAlphaAge = new double[ages.length];
        double[] logAlphaRecency = new double[recencies.length];
        double[] invAlphaRecency = new double[recencies.length];
        forChunks(ages.length, (from, to) -> logTable(alpha, ages, logAlphaAge, invAlphaAge, from, to));
        forChunks(recencies.length, (from, to) -> logTable(alpha, recencies, logAlphaRecency, invAlphaRecency, from, to));

        double logAlpha = Math.log(alpha);
        double ll = totalWeight * r * logAlpha;
        double gr = totalWeight * logAlpha;
        double gAlpha = totalWeight * r / alpha;
        double ga = 0;
        double gb = 0;
        // terms that depend on x only: ln Γ(r+x)/Γ(r), ln B(a,b+x)/B(a,b) and their derivatives
        double[] logDeathRatio = new double[maxX + 1]; // ln(a / (b+x-1+offset))
        double[] invBx1 = new double[maxX + 1];        // 1 / (b+x-1+offset)
        double sumLogR = 0;
        double sumInvR = 0;
        double sumLogBeta = 0;
        double sumInvAb = 0;
        double sumInvB = 0;
        for (int xi = 0; xi <= maxX; xi++) {
            if (xi > 0) {
                int k = xi - 1;
                sumLogR += Math.log(r + k);
                sumInvR += 1 / (r + k);
            }
            if (xi + offset > 0) {
                int k = xi - 1 + offset;
                sumLogBeta += Math.log((b + k) / (a + b + k));
                sumInvAb += 1 / (a + b + k);
                sumInvB += 1 / (b + k);
                invBx1[xi] = 1 / (b + k);
                logDeathRatio[xi] = Math.log(a * invBx1[xi]);
            }
            double w = weightByX[xi];
            if (w != 0) {
                ll += w * (sumLogR + sumLogBeta);
                gr += w * sumInvR;
                ga -= w * sumInvAb;
                gb += w * (sumInvB - sumInvAb);
            }
        }

        Tables tables = new Tables(r, 1 / a, logAlphaAge, invAlphaAge, logAlphaRecency, invAlphaRecency,
                logDeathRatio, invBx1);
        int chunks = chunks(x.length);
        double[][] partial = new double[chunks][];
        forChunks(x.length, (from, to) -> partial[from / CHUNK] = rows(tables, from, to));
        for (double[] sums : partial) { // in a fixed order, so results do not depend on thread timing
            ll += sums[0];
            gr += sums[1];
            gAlpha += sums[2];
            ga += sums[3];
            gb += sums[4];
        }
        gradient[0] = -gr * r;
        gradient[1] = -gAlpha * alpha;
        gradient[2] = -ga * a;
        gradient[3] = -gb * b;
        return -ll;
    }
}
