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
 * <p>The gradient is taken by central differences (step {@value #STEP} in the log-parameters): the analytic
 * derivatives of ₂F₁ in its parameters are themselves series, and the optimiser only needs the gradient to a
 * few digits beyond its tolerance. Rows are split over the common fork-join pool above {@value #CHUNK}; partial
 * sums are added in a fixed order, so results do not depend on scheduling.
 */
final class ParetoNbdLikelihood implements DifferentiableFunction {

    private static final double STEP = 1e-4;
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

    @Override
    public double valueAndGradient(double[] logParams, double[] gradient) {
        double value = value(logParams);
        double[] p = logParams.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = logParams[i] + STEP;
            double plus = value(p);
            p[i] = logParams[i] - STEP;
            double minus = value(p);
            p[i] = logParams[i];
            gradient[i] = (plus - minus) / (2 * STEP);
        }
        return value;
    }

    /** ln[(α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀]: the customer's likelihood without Γ(r+x)α^r β^s / Γ(r). */
    static double logMixture(double r, double alpha, double s, double beta, int x, double tx, double t) {
        double alive = -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
        double dead = Math.log(s / (r + s + x)) + logA0(r, alpha, s, beta, x, tx, t);
        return logSumExp(alive, dead);
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
