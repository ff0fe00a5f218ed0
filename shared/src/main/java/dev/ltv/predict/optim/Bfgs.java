package dev.ltv.predict.optim;

/**
 * Quasi-Newton BFGS minimisation with an Armijo backtracking line search.
 *
 * <p>Used to polish a Nelder–Mead result: with exact gradients it converges superlinearly, so the optimum is
 * pinned down to the gradient tolerance rather than to the simplex size. Converged means the largest gradient
 * component is at most {@code gradientTolerance}.
 */
public final class Bfgs {

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;
    /**
     * Relative rounding noise of a likelihood summed over many customers. Near the optimum the true decrease
     * of a step falls below it, so a step that does not raise the value beyond the noise and shrinks the
     * gradient is accepted too; otherwise the last digits of the optimum could never be reached.
     */
    private static final double VALUE_NOISE = 1e-12;

    private final double gradientTolerance;
    private final int maxIterations;

    public Bfgs(double gradientTolerance, int maxIterations) {
        this.gradientTolerance = gradientTolerance;
        this.maxIterations = maxIterations;
    }

    public OptimizationResult minimize(DifferentiableFunction f, double[] start) {
        return minimize(f, start, null);
    }

    /**
     * @param initialInverseHessian starting approximation of the inverse Hessian (symmetric positive
     *                              definite), or null for the identity
     */
    public OptimizationResult minimize(DifferentiableFunction f, double[] start, double[][] initialInverseHessian) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx)) {
            return new OptimizationResult(x, fx, evaluations, false);
        }
        double[][] h = initialInverseHessian == null ? identity(n) : copy(initialInverseHessian);
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] direction = new double[n];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (maxAbs(g) <= gradientTolerance) {
                return new OptimizationResult(x, fx, evaluations, true);
            }
            multiply(h, g, direction);
            double slope = 0;
            for (int i = 0; i < n; i++) {
                direction[i] = -direction[i];
                slope += direction[i] * g[i];
            }
            if (slope >= 0) { // lost positive definiteness: fall back to steepest descent
                h = identity(n);
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = -dot(g, g);
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * direction[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                evaluations++;
                if (Double.isFinite(fNew) && (fNew <= fx + ARMIJO * step * slope
                        || fNew <= fx + VALUE_NOISE * (1 + Math.abs(fx)) && maxAbs(gNew) < maxAbs(g))) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                // no decrease possible along a descent direction: at the optimum to machine precision
                return new OptimizationResult(x, fx, evaluations, maxAbs(g) <= gradientTolerance * 1e3);
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-300) {
                update(h, s, y, sy);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
        }
        return new OptimizationResult(x, fx, evaluations, maxAbs(g) <= gradientTolerance);
    }

    /** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀs). */
    private static void update(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = new double[n];
        multiply(h, y, hy);
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    /** Cholesky test: true when the symmetric matrix {@code m} is positive definite. */
    public static boolean isPositiveDefinite(double[][] m) {
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = m[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return true;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static void multiply(double[][] m, double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
            double sum = 0;
            for (int j = 0; j < v.length; j++) {
                sum += m[i][j] * v[j];
            }
            out[i] = sum;
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double d : v) {
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }
}
