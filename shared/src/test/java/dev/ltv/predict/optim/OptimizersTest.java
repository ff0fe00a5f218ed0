package dev.ltv.predict.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizersTest {

    /** Rosenbrock's banana valley: minimum 0 at (1, 1), hard for naive methods. */
    private static final DifferentiableFunction ROSENBROCK = (p, g) -> {
        double x = p[0];
        double y = p[1];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    };

    @Test
    void nelderMeadFindsTheValley() {
        OptimizationResult r = new NelderMead(1e-14, 1e-8, 10_000).minimize(ROSENBROCK, new double[] {-1.2, 1}, 0.5);
        assertTrue(r.converged());
        assertEquals(1, r.point()[0], 1e-4);
        assertEquals(1, r.point()[1], 1e-4);
    }

    @Test
    void bfgsConvergesToTheGradientTolerance() {
        OptimizationResult r = new Bfgs(1e-10, 1000).minimize(ROSENBROCK, new double[] {-1.2, 1});
        assertTrue(r.converged());
        assertEquals(1, r.point()[0], 1e-8);
        assertEquals(1, r.point()[1], 1e-8);
    }

    @Test
    void reportsNonConvergenceWhenTheBudgetRunsOut() {
        OptimizationResult r = new NelderMead(1e-14, 1e-8, 20).minimize(ROSENBROCK, new double[] {-1.2, 1}, 0.5);
        assertTrue(!r.converged());
    }
}
