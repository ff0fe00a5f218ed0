package dev.ltv.predict.optim;

/**
 * Outcome of a minimisation.
 *
 * @param point        the best point found
 * @param value        the function value there
 * @param evaluations  function evaluations used
 * @param converged    whether the method's own convergence test passed (not just the budget ran out)
 */
public record OptimizationResult(double[] point, double value, int evaluations, boolean converged) {
}
