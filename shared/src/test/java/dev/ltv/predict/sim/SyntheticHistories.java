package dev.ltv.predict.sim;

import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.TimeUnit;

import java.util.SplittableRandom;

/**
 * Customer histories drawn from any of the purchase models with known parameters, observed over a
 * calibration period and a holdout that follows it: the ground truth for fit-back, model-choice and interval
 * tests.
 *
 * <p>Each customer makes a first purchase at time 0 and is observed until T ~ Uniform(0, maxAge], then for
 * {@code holdout} more. Purchase rates λ ~ Gamma(r, rate α); repeat purchases follow a Poisson process of rate λ
 * while the customer is alive. Dropout: BG/NBD, after each repeat purchase with probability p ~ Beta(a, b);
 * MBG/NBD, the same and also right after the first purchase; Pareto/NBD, at an exponential time of rate
 * μ ~ Gamma(s, rate β). Spend per purchase as in {@code SyntheticCustomers} (Gamma-Gamma).
 *
 * <p>Self-contained (its own samplers, the same algorithms as {@code SyntheticCustomers}) so the model tests of
 * the calculation module do not depend on where the benchmark generator lives.
 */
public final class SyntheticHistories {

    private SyntheticHistories() {
    }

    /** @param parameters in {@link ModelKind#parameterNames()} order */
    public static HoldoutData draw(int customers, ModelKind kind, double[] parameters, GammaGammaParameters spend,
                                   double maxAge, double holdout, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] x = new int[customers];
        double[] tx = new double[customers];
        double[] t = new double[customers];
        double[] m = new double[customers];
        int[] hx = new int[customers];
        double[] hs = new double[customers];
        double r = parameters[0];
        double alpha = parameters[1];
        for (int i = 0; i < customers; i++) {
            double age = maxAge * (1 - random.nextDouble());
            double end = age + holdout;
            double lambda = gamma(random, r) / alpha;
            double lifetime = Double.POSITIVE_INFINITY;
            double dropout = 0;
            if (kind == ModelKind.PARETONBD) {
                double mu = gamma(random, parameters[2]) / parameters[3];
                lifetime = -Math.log(1 - random.nextDouble()) / mu;
            } else {
                double g1 = gamma(random, parameters[2]);
                dropout = g1 / (g1 + gamma(random, parameters[3]));
            }
            boolean alive = !(kind == ModelKind.MBGNBD && random.nextDouble() < dropout);
            double nu = gamma(random, spend.q()) / spend.gamma();
            double time = 0;
            double calibrationSpend = 0;
            while (alive) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > end || time > lifetime) {
                    break;
                }
                double amount = gamma(random, spend.p()) / nu;
                if (time <= age) {
                    x[i]++;
                    tx[i] = time;
                    calibrationSpend += amount;
                } else {
                    hx[i]++;
                    hs[i] += amount;
                }
                if (kind != ModelKind.PARETONBD && random.nextDouble() < dropout) {
                    alive = false;
                }
            }
            t[i] = age;
            m[i] = x[i] == 0 ? 0 : calibrationSpend / x[i];
        }
        return new HoldoutData(x, tx, t, m, hx, hs, holdout, TimeUnit.WEEKS);
    }

    /** Gamma(shape, rate 1) by Marsaglia &amp; Tsang (2000), boosted for shape &lt; 1. */
    private static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            double u = 1 - random.nextDouble(); // drawn first, as SyntheticCustomers does: same streams
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            if (Math.log(1 - random.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
