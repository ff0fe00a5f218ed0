package dev.ltv.predict.optim;

/** A smooth function to minimise, evaluated together with its gradient (they share most of the work). */
@FunctionalInterface
public interface DifferentiableFunction {

    /**
     * @param point    where to evaluate (not modified)
     * @param gradient receives ∂f/∂point[i]; same length as {@code point}
     * @return f(point); may be +∞ or NaN outside the domain, which the optimisers treat as "worse than anything"
     */
    double valueAndGradient(double[] point, double[] gradient);

    /** The value alone; implementations may override when the gradient costs extra. */
    default double value(double[] point) {
        return valueAndGradient(point, new double[point.length]);
    }
}
