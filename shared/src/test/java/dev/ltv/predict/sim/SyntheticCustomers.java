package dev.ltv.predict.sim;

import dev.ltv.predict.BgNbdData;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.GammaGammaData;
import dev.ltv.predict.GammaGammaParameters;

import java.util.SplittableRandom;

/**
 * Customer bases drawn from the models themselves, with a fixed seed: the ground truth for fit-back tests
 * and the load for benchmarks.
 *
 * <p>Each customer is acquired at time 0 and observed for T drawn uniformly from (0, maxAge]. Its purchase
 * rate λ ~ Gamma(r, rate α) and dropout probability p ~ Beta(a, b); repeat purchases follow a Poisson
 * process of rate λ, and after each one the customer drops out with probability p. Spend: ν ~ Gamma(q, rate
 * γ) per customer and each purchase ~ Gamma(p, rate ν), so the mean of x purchases is Gamma(px, rate xν).
 */
public final class SyntheticCustomers {

    /** The drawn columns; {@code meanSpend} is 0 for customers without repeat purchases. */
    public record Sample(int[] frequency, double[] recency, double[] age, double[] meanSpend) {

        public BgNbdData bgNbdData() {
            return BgNbdData.of(frequency, recency, age);
        }

        public GammaGammaData gammaGammaData() {
            int n = 0;
            for (int x : frequency) {
                n += x > 0 ? 1 : 0;
            }
            int[] x = new int[n];
            double[] m = new double[n];
            for (int i = 0, j = 0; i < frequency.length; i++) {
                if (frequency[i] > 0) {
                    x[j] = frequency[i];
                    m[j++] = meanSpend[i];
                }
            }
            return GammaGammaData.of(x, m);
        }
    }

    private SyntheticCustomers() {
    }

    /**
     * @param wholeDays when true, times are truncated to whole days (the unit being days), as a live system
     *                  records them; identical rows then group, as in real data
     */
    public static Sample draw(int customers, BgNbdParameters purchases, GammaGammaParameters spend, double maxAge,
                              boolean wholeDays, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] x = new int[customers];
        double[] tx = new double[customers];
        double[] t = new double[customers];
        double[] m = new double[customers];
        for (int i = 0; i < customers; i++) {
            double age = maxAge * (1 - random.nextDouble()); // (0, maxAge]
            double lambda = gamma(random, purchases.r()) / purchases.alpha();
            double g1 = gamma(random, purchases.a());
            double dropout = g1 / (g1 + gamma(random, purchases.b()));
            double time = 0;
            int count = 0;
            double last = 0;
            while (true) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > age) {
                    break;
                }
                count++;
                last = time;
                if (random.nextDouble() < dropout) {
                    break;
                }
            }
            if (wholeDays) {
                age = Math.max(1, Math.floor(age));
                last = Math.floor(last);
            }
            x[i] = count;
            tx[i] = count == 0 ? 0 : last;
            t[i] = age;
            if (count > 0) {
                double nu = gamma(random, spend.q()) / spend.gamma();
                m[i] = gamma(random, spend.p() * count) / (count * nu);
            }
        }
        return new Sample(x, tx, t, m);
    }

    /** Gamma(shape, rate 1) by Marsaglia &amp; Tsang (2000), boosted for shape &lt; 1. */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            double u = 1 - random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = normal(random);
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        // Box–Muller; one of the pair is enough here
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
