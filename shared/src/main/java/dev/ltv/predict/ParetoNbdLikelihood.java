package dev.ltv.predict;

import dev.ltv.predict.optim.DifferentiableFunction;

import java.util.stream.IntStream;

/**
 * Pareto/NBD negative log-likelihood in log-parameters (ln r, ln α, ln s, ln β), after Fader, Hardie &amp; Lee
 * (2005), "A note on deriving the Pareto/NBD model and related expressions" (eq. 22):
 * L = Γ(r+x)α^r β^s / Γ(r) · [(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀], where for α ≥ β
 * A₀ = F(t_x)/(α+t_x)^(r+s+x) − F(T)/(α+T)^(r+s+x), F(y) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+y)), and for α &lt; β
 * the roles of (α, s+1) and (β, r+x) swap.
 *
 * <p>Each ₂F₁(a, b; a+1; z) is evaluated through Euler's transformation as (1−z)^(1−b) ₂F₁(1, a+1−b; a+1; z),
 * whose series has positive terms falling at least as fast as zᵏ: no overflow for customers with hundreds of
 * purchases (the plain series grows like (1−z)^−(r+x) first), and everything stays in logarithms.
 *
 * <p>A₀ is a difference of two terms, one depending on (x, t_x), the other on (x, T); real data (whole days)
 * have far fewer distinct such pairs than rows, so each term is evaluated once per distinct pair and
 * evaluation, and per row only a few logarithms remain.
 *
 * <p>The gradient is exact: the series of ₂F₁ and of its derivatives in its parameters are summed together
 * (see {@link #valueAndGradient}). Rows are split over the common fork-join pool above {@value #CHUNK}; partial
 * sums are added in a fixed order, so results do not depend on scheduling.
 */
final class ParetoNbdLikelihood implements DifferentiableFunction {

    private static final int CHUNK = 8_192;

    private final int[] x;
    private final double[] weight;
    private final double totalWeight;
    private final int maxX;
    /** Distinct (x, time) pairs: the row's t_x pair and T pair index into them. */
    private final int[] pairX;
    private final double[] pairTime;
    private final int[] recencyPair;
    private final int[] agePair;
    private final double[] age;

    ParetoNbdLikelihood(BgNbdData data, double timeScale) {
        this.x = data.frequency();
        this.weight = data.weight();
        this.totalWeight = data.totalWeight();
        int n = x.length;
        int max = 0;
        for (int xi : x) {
            max = Math.max(max, xi);
        }
        this.maxX = max;
        java.util.HashMap<Pair, Integer> pairs = new java.util.HashMap<>();
        this.recencyPair = new int[n];
        this.agePair = new int[n];
        this.age = new double[n];
        for (int i = 0; i < n; i++) {
            double tx = data.recency()[i] * timeScale;
            double t = data.age()[i] * timeScale;
            age[i] = t;
            recencyPair[i] = pairs.computeIfAbsent(new Pair(x[i], tx), k -> pairs.size());
            agePair[i] = pairs.computeIfAbsent(new Pair(x[i], t), k -> pairs.size());
        }
        this.pairX = new int[pairs.size()];
        this.pairTime = new double[pairs.size()];
        pairs.forEach((pair, index) -> {
            pairX[index] = pair.x;
            pairTime[index] = pair.time;
        });
    }

    private record Pair(int x, double time) {
    }

    double totalWeight() {
        return totalWeight;
    }

    /** Log-likelihood (not negated) at natural parameters. */
    double logLikelihood(double r, double alpha, double s, double beta) {
        return -value(new double[] {Math.log(r), Math.log(alpha), Math.log(s), Math.log(beta)});
    }

    @Override
    public double value(double[] logParams) {
        double r = Math.exp(logParams[0]);
        double alpha = Math.exp(logParams[1]);
        double s = Math.exp(logParams[2]);
        double beta = Math.exp(logParams[3]);
        for (double v : new double[] {r, alpha, s, beta}) {
            if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double[] logGammaRatio = new double[maxX + 1]; // ln Γ(r+x)/Γ(r) = Σ_{k<x} ln(r+k)
        for (int k = 1; k <= maxX; k++) {
            logGammaRatio[k] = logGammaRatio[k - 1] + Math.log(r + k - 1);
        }
        Branch branch = new Branch(r, alpha, s, beta);
        double[] terms = new double[pairX.length];
        int pairChunks = Math.max(1, (terms.length + CHUNK - 1) / CHUNK);
        IntStream pairRange = IntStream.range(0, pairChunks);
        (pairChunks > 1 ? pairRange.parallel() : pairRange).forEach(c -> {
            for (int k = c * CHUNK, end = Math.min(terms.length, (c + 1) * CHUNK); k < end; k++) {
                terms[k] = branch.logTerm(pairX[k], pairTime[k]);
            }
        });
        double logS = Math.log(s);
        int chunks = Math.max(1, (x.length + CHUNK - 1) / CHUNK);
        double[] partial = new double[chunks];
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            double sum = 0;
            for (int i = c * CHUNK, end = Math.min(x.length, (c + 1) * CHUNK); i < end; i++) {
                int xi = x[i];
                double t = age[i];
                double alive = -(r + xi) * Math.log(alpha + t) - s * Math.log(beta + t);
                double dead = logS - Math.log(r + s + xi) + logDifference(terms[recencyPair[i]], terms[agePair[i]]);
                sum += weight[i] * (logGammaRatio[xi] + logSumExp(alive, dead));
            }
            partial[c] = sum;
        });
        double ll = totalWeight * (r * Math.log(alpha) + s * Math.log(beta));
        for (double p : partial) {
            ll += p;
        }
        return Double.isNaN(ll) ? Double.POSITIVE_INFINITY : -ll;
    }

    /**
     * The value and its exact gradient. Each A₀ term is written as
     * L(x, y) = c_α ln(α+y) + c_β ln(β+y) + ln G(b', g, z) with G(b', g, z) = ₂F₁(1, b'; g; z) = Σ c_k zᵏ,
     * c_{k+1} = c_k (b'+k)/(g+k): for α ≥ β, c_α = −(r+x), c_β = −s, b' = r+x, z = (α−β)/(α+y); for α &lt; β,
     * c_α = 1−r−x, c_β = −(s+1), b' = s+1, z = (β−α)/(β+y); g = r+s+x+1 in both. The series and its
     * derivatives in b', g and z are summed together; the chain rule does the rest.
     */
    @Override
    public double valueAndGradient(double[] logParams, double[] gradient) {
        double r = Math.exp(logParams[0]);
        double alpha = Math.exp(logParams[1]);
        double s = Math.exp(logParams[2]);
        double beta = Math.exp(logParams[3]);
        for (double v : new double[] {r, alpha, s, beta}) {
            if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                java.util.Arrays.fill(gradient, Double.NaN);
                return Double.POSITIVE_INFINITY;
            }
        }
        double[] logGammaRatio = new double[maxX + 1];
        double[] sumInvR = new double[maxX + 1];
        for (int k = 1; k <= maxX; k++) {
            logGammaRatio[k] = logGammaRatio[k - 1] + Math.log(r + k - 1);
            sumInvR[k] = sumInvR[k - 1] + 1 / (r + k - 1);
        }
        boolean alphaLarger = alpha >= beta;
        int pairs = pairX.length;
        double[][] term = new double[5][pairs]; // L, ∂L/∂r, ∂L/∂α, ∂L/∂s, ∂L/∂β
        int pairChunks = Math.max(1, (pairs + CHUNK - 1) / CHUNK);
        IntStream pairRange = IntStream.range(0, pairChunks);
        (pairChunks > 1 ? pairRange.parallel() : pairRange).forEach(c -> {
            double[] g = new double[4];
            for (int k = c * CHUNK, end = Math.min(pairs, (c + 1) * CHUNK); k < end; k++) {
                int xk = pairX[k];
                double y = pairTime[k];
                double la = Math.log(alpha + y);
                double lb = Math.log(beta + y);
                double gg = r + s + xk + 1;
                if (alphaLarger) {
                    double z = (alpha - beta) / (alpha + y);
                    if (!hypergeometricSeries(r + xk, gg, z, g)) {
                        term[0][k] = Double.NaN;
                        continue;
                    }
                    term[0][k] = -(r + xk) * la - s * lb + g[0];
                    term[1][k] = -la + g[1] + g[2];
                    term[2][k] = -(r + xk) / (alpha + y) + g[3] * (beta + y) / ((alpha + y) * (alpha + y));
                    term[3][k] = -lb + g[2];
                    term[4][k] = -s / (beta + y) - g[3] / (alpha + y);
                } else {
                    double z = (beta - alpha) / (beta + y);
                    if (!hypergeometricSeries(s + 1, gg, z, g)) {
                        term[0][k] = Double.NaN;
                        continue;
                    }
                    term[0][k] = (1 - r - xk) * la - (s + 1) * lb + g[0];
                    term[1][k] = -la + g[2];
                    term[2][k] = (1 - r - xk) / (alpha + y) - g[3] / (beta + y);
                    term[3][k] = -lb + g[1] + g[2];
                    term[4][k] = -(s + 1) / (beta + y) + g[3] * (alpha + y) / ((beta + y) * (beta + y));
                }
            }
        });
        double logS = Math.log(s);
        int chunks = Math.max(1, (x.length + CHUNK - 1) / CHUNK);
        double[][] partial = new double[chunks][];
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            double ll = 0;
            double gr = 0;
            double ga = 0;
            double gs = 0;
            double gb = 0;
            for (int i = c * CHUNK, end = Math.min(x.length, (c + 1) * CHUNK); i < end; i++) {
                int xi = x[i];
                double t = age[i];
                double w = weight[i];
                double la = Math.log(alpha + t);
                double lb = Math.log(beta + t);
                double alive = -(r + xi) * la - s * lb;
                int u = recencyPair[i];
                int v = agePair[i];
                double d = term[0][v] - term[0][u];
                double dead = d < 0 ? logS - Math.log(r + s + xi) + term[0][u] + Math.log(-Math.expm1(d))
                        : Double.NEGATIVE_INFINITY;
                double lse = logSumExp(alive, dead);
                ll += w * (logGammaRatio[xi] + lse);
                double wDead = dead == Double.NEGATIVE_INFINITY ? 0 : Math.exp(dead - lse);
                double wAlive = 1 - wDead;
                gr += w * (sumInvR[xi] - wAlive * la);
                ga += w * (-wAlive * (r + xi) / (alpha + t));
                gs += w * (-wAlive * lb);
                gb += w * (-wAlive * s / (beta + t));
                if (wDead > 0) {
                    double du = -1 / Math.expm1(d);   // ∂ ln(e^u − e^v) / ∂u = 1 / (1 − e^(v−u))
                    double dv = 1 - du;
                    double inv = 1 / (r + s + xi);
                    gr += w * wDead * (-inv + du * term[1][u] + dv * term[1][v]);
                    ga += w * wDead * (du * term[2][u] + dv * term[2][v]);
                    gs += w * wDead * (1 / s - inv + du * term[3][u] + dv * term[3][v]);
                    gb += w * wDead * (du * term[4][u] + dv * term[4][v]);
                }
            }
            partial[c] = new double[] {ll, gr, ga, gs, gb};
        });
        double ll = totalWeight * (r * Math.log(alpha) + s * Math.log(beta));
        double gr = totalWeight * Math.log(alpha);
        double ga = totalWeight * r / alpha;
        double gs = totalWeight * Math.log(beta);
        double gb = totalWeight * s / beta;
        for (double[] p : partial) {
            ll += p[0];
            gr += p[1];
            ga += p[2];
            gs += p[3];
            gb += p[4];
        }
        if (Double.isNaN(ll)) {
            java.util.Arrays.fill(gradient, Double.NaN);
            return Double.POSITIVE_INFINITY;
        }
        gradient[0] = -gr * r;
        gradient[1] = -ga * alpha;
        gradient[2] = -gs * s;
        gradient[3] = -gb * beta;
        return -ll;
    }

    private static final int MAX_SERIES_TERMS = 1_000_000;

    /**
     * ln G and its derivatives for G(b', g, z) = ₂F₁(1, b'; g; z) = Σ c_k zᵏ with b' &lt; g and 0 ≤ z &lt; 1, so
     * every term is positive and the ratio of successive terms is below z. {@code out} receives
     * {ln G, ∂ln G/∂b', ∂ln G/∂g, ∂ln G/∂z}; false when the series does not converge in
     * {@value #MAX_SERIES_TERMS} terms (z within about 1e-5 of 1).
     */
    static boolean hypergeometricSeries(double bp, double g, double z, double[] out) {
        if (z == 0) {
            out[0] = 0;
            out[1] = 0;
            out[2] = 0;
            out[3] = bp / g;
            return true;
        }
        double sum = 1;
        double dB = 0;
        double dG = 0;
        double dZ = 0;
        double term = 1;
        double s1 = 0;
        double s2 = 0;
        double tailFactor = z / (1 - z);
        for (int k = 0; k < MAX_SERIES_TERMS; k++) {
            s1 += 1 / (bp + k);
            s2 += 1 / (g + k);
            term *= (bp + k) / (g + k) * z;
            sum += term;
            dB += term * s1;
            dG -= term * s2;
            dZ += (k + 1) * term;
            if (term * (1 + s1 + s2 + (k + 1 + tailFactor) / (1 - z)) * tailFactor <= 1e-16 * sum) {
                out[0] = Math.log(sum);
                out[1] = dB / sum;
                out[2] = dG / sum;
                out[3] = dZ / (z * sum);
                return true;
            }
        }
        return false;
    }

    /** ln A₀ (−∞ when t_x = T, where A₀ = 0). */
    static double logA0(double r, double alpha, double s, double beta, int x, double tx, double t) {
        Branch branch = new Branch(r, alpha, s, beta);
        return logDifference(branch.logTerm(x, tx), branch.logTerm(x, t));
    }

    /** ln(e^u − e^v) for v ≤ u; −∞ when they are equal (A₀ = 0 at t_x = T). */
    private static double logDifference(double u, double v) {
        double d = v - u;
        return d < 0 ? u + Math.log(-Math.expm1(d)) : Double.NEGATIVE_INFINITY;
    }

    /** Which of the two equivalent forms of A₀ applies (α ≥ β or α &lt; β), and its terms. */
    private record Branch(double r, double s, boolean alphaLarger, double m, double diff) {
        Branch(double r, double alpha, double s, double beta) {
            this(r, s, alpha >= beta, Math.max(alpha, beta), Math.abs(alpha - beta));
        }

        /** ln[₂F₁(r+s+x, b; r+s+x+1; diff/(m+y)) / (m+y)^(r+s+x)], b = s+1 (α ≥ β) or r+x. */
        double logTerm(int x, double y) {
            return ParetoNbdLikelihood.logTerm(r + s + x, alphaLarger ? s + 1 : r + x, diff, m + y);
        }
    }

    /** ln[₂F₁(a, b; a+1; diff/y) / y^a], through Euler's transformation. */
    private static double logTerm(double a, double b, double diff, double y) {
        double z = diff / y;
        if (z == 0) {
            return -a * Math.log(y);
        }
        double logOneMinusZ = Math.log1p(-z);
        return (1 - b) * logOneMinusZ + Math.log(Hypergeometric2F1.value(1, a + 1 - b, a + 1, z)) - a * Math.log(y);
    }

    static double logSumExp(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) {
            return v;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
    }
}
