package dev.ltv.predict.optim;

import java.util.Arrays;

/**
 * Derivative-free Nelder–Mead simplex minimisation (standard coefficients 1, 2, ½, ½).
 *
 * <p>Used to get robustly into the basin of the maximum from a poor start, where gradient methods can step
 * into regions where the likelihood under- or overflows; non-finite values are simply ranked worst. It
 * converges when both the spread of values and the size of the simplex are below the tolerances.
 */
public final class NelderMead {

    private final double valueTolerance;
    private final double pointTolerance;
    private final int maxEvaluations;

    public NelderMead(double valueTolerance, double pointTolerance, int maxEvaluations) {
        this.valueTolerance = valueTolerance;
        this.pointTolerance = pointTolerance;
        this.maxEvaluations = maxEvaluations;
    }

    /** Minimises {@code f} from {@code start} with an initial simplex of edge {@code step} along each axis. */
    public OptimizationResult minimize(DifferentiableFunction f, double[] start, double step) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        int evaluations = 0;
        for (int i = 0; i <= n; i++) {
            simplex[i] = start.clone();
            if (i > 0) {
                simplex[i][i - 1] += step;
            }
            values[i] = rank(f.value(simplex[i]));
            evaluations++;
        }
        Integer[] order = new Integer[n + 1];
        double[] centroid = new double[n];
        while (true) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] v = values;
            Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
            int best = order[0];
            int worst = order[n];
            int secondWorst = order[n - 1];
            if (converged(simplex, values, best, worst)) {
                return new OptimizationResult(simplex[best].clone(), values[best], evaluations, true);
            }
            if (evaluations >= maxEvaluations) {
                return new OptimizationResult(simplex[best].clone(), values[best], evaluations, false);
            }
            Arrays.fill(centroid, 0);
            for (int i = 0; i <= n; i++) {
                if (i != worst) {
                    for (int d = 0; d < n; d++) {
                        centroid[d] += simplex[i][d] / n;
                    }
                }
            }
            double[] reflected = along(centroid, simplex[worst], -1);
            double fr = rank(f.value(reflected));
            evaluations++;
            if (fr < values[best]) {
                double[] expanded = along(centroid, simplex[worst], -2);
                double fe = rank(f.value(expanded));
                evaluations++;
                if (fe < fr) {
                    simplex[worst] = expanded;
                    values[worst] = fe;
                } else {
                    simplex[worst] = reflected;
                    values[worst] = fr;
                }
            } else if (fr < values[secondWorst]) {
                simplex[worst] = reflected;
                values[worst] = fr;
            } else {
                boolean outside = fr < values[worst];
                double[] contracted = along(centroid, simplex[worst], outside ? -0.5 : 0.5);
                double fc = rank(f.value(contracted));
                evaluations++;
                if (fc < Math.min(fr, values[worst])) {
                    simplex[worst] = contracted;
                    values[worst] = fc;
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i != best) {
                            simplex[i] = along(simplex[best], simplex[i], 0.5);
                            values[i] = rank(f.value(simplex[i]));
                            evaluations++;
                        }
                    }
                }
            }
        }
    }

    private boolean converged(double[][] simplex, double[] values, int best, int worst) {
        if (!(Math.abs(values[worst] - values[best]) <= valueTolerance)) {
            return false;
        }
        for (double[] p : simplex) {
            for (int d = 0; d < p.length; d++) {
                if (Math.abs(p[d] - simplex[best][d]) > pointTolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    /** centroid + t·(point − centroid). */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] out = new double[centroid.length];
        for (int d = 0; d < out.length; d++) {
            out[d] = centroid[d] + t * (point[d] - centroid[d]);
        }
        return out;
    }

    private static double rank(double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }
}
