package dev.ltv.predict;

import dev.ltv.predict.optim.Bfgs;
import dev.ltv.predict.optim.DifferentiableFunction;
import dev.ltv.predict.optim.NelderMead;
import dev.ltv.predict.optim.OptimizationResult;

import java.util.Arrays;

/**
 * The fitting strategy shared by the models: minimise the negative log-likelihood per customer over
 * log-parameters (so positivity needs no constraints) with Nelder–Mead, restarted from its own best point
 * until a restart no longer improves (a collapsed simplex is the classic false convergence), then polish with
 * BFGS on the exact gradient to a per-customer gradient tolerance.
 */
final class MaximumLikelihood {

    // The simplex only has to reach the basin: BFGS started from the true curvature does the last digits in a
    // few steps, far cheaper than shrinking a simplex to them.
    private static final double NM_VALUE_TOLERANCE = 1e-4;
    private static final double NM_POINT_TOLERANCE = 5e-2;
    private static final int NM_MAX_EVALUATIONS = 5_000;
    private static final int MAX_RESTARTS = 5;
    private static final double GRADIENT_TOLERANCE = 1e-7;
    private static final int BFGS_MAX_ITERATIONS = 500;
    /** |ln θ| beyond this means θ ran off to 0 or ∞: no interior maximum. */
    private static final double MAX_ABS_LOG_PARAMETER = 30;

    private MaximumLikelihood() {
    }

    /**
     * @param model      model name for error messages
     * @param names      parameter names for error messages
     * @param coarse     negative log-likelihood per customer used to find the basin (may be a subsample)
     * @param fine       negative log-likelihood per customer of all data
     * @param start      starting log-parameters
     * @return the optimum in log-parameters, and evaluation count
     * @throws ModelFitException when no interior optimum with a small gradient is found
     */
    static OptimizationResult fit(String model, String[] names, DifferentiableFunction coarse,
                                  DifferentiableFunction fine, double[] start) {
        NelderMead simplex = new NelderMead(NM_VALUE_TOLERANCE, NM_POINT_TOLERANCE, NM_MAX_EVALUATIONS);
        OptimizationResult best = simplex.minimize(coarse, start, 1.0);
        int evaluations = best.evaluations();
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            OptimizationResult again = simplex.minimize(coarse, best.point(), 0.1);
            evaluations += again.evaluations();
            boolean improved = again.value() < best.value() - NM_VALUE_TOLERANCE;
            if (again.value() <= best.value()) {
                best = again;
            }
            if (!improved) {
                break;
            }
        }
        if (!Double.isFinite(best.value())) {
            throw new ModelFitException(model + ": the likelihood is not finite anywhere the optimiser looked;"
                    + " check the data");
        }
        OptimizationResult polished = new Bfgs(GRADIENT_TOLERANCE, BFGS_MAX_ITERATIONS)
                .minimize(fine, best.point(), initialInverseHessian(coarse, best.point()));
        evaluations += polished.evaluations();
        double[] point = polished.point();
        for (int i = 0; i < point.length; i++) {
            if (!(Math.abs(point[i]) < MAX_ABS_LOG_PARAMETER)) {
                throw new ModelFitException(model + ": parameter " + names[i] + " runs off to "
                        + (point[i] > 0 ? "infinity" : "zero") + "; the data do not identify the model"
                        + " (too few customers or repeat purchases?)");
            }
        }
        if (!polished.converged()) {
            double[] gradient = new double[point.length];
            fine.valueAndGradient(point, gradient);
            double largest = Arrays.stream(gradient).map(Math::abs).max().orElse(Double.NaN);
            throw new ModelFitException(model + ": the optimiser did not converge (the log-likelihood's steepest slope"
                    + " at the best point found is " + String.format(java.util.Locale.ROOT, "%.3g", largest)
                    + "; the data do not pin the parameters down)");
        }
        return new OptimizationResult(point, polished.value(), evaluations, true);
    }

    /**
     * The inverse of a finite-difference Hessian (of the per-customer objective, so the subsample's serves
     * for all data), or null when it is not positive definite. Starting BFGS from
     * the true curvature matters for these likelihoods: their parameters are strongly correlated (long curved
     * ridges), and with an identity start the decrease of a gradient step drowns in rounding noise long before
     * the gradient is small.
     */
    private static double[][] initialInverseHessian(DifferentiableFunction f, double[] point) {
        double[][] hessian = FisherInformation.hessian(f, point);
        for (double[] row : hessian) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
        }
        try {
            double[][] inverse = FisherInformation.invert(hessian);
            return Bfgs.isPositiveDefinite(inverse) ? inverse : null;
        } catch (ModelFitException singular) {
            return null;
        }
    }

    /**
     * {@code f} divided by {@code n}, so tolerances mean the same for 100 or 10⁶ customers. An interrupted
     * thread stops the fit at the next evaluation (a caller's time budget): {@link ModelFitException}.
     */
    static DifferentiableFunction perCustomer(DifferentiableFunction f, double n) {
        return (point, gradient) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new ModelFitException("the fit was stopped: it did not finish within its time budget");
            }
            double value = f.valueAndGradient(point, gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] /= n;
            }
            return value / n;
        };
    }
}
