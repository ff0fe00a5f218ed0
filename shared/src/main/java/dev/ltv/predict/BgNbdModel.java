package dev.ltv.predict;

import java.util.Objects;

/**
 * Predictions of a fitted BG/NBD model (Fader, Hardie &amp; Lee 2005). All times (t, t_x, T) are in
 * {@code parameters().unit()}.
 */
public final class BgNbdModel implements PurchaseModel {

    /** Below this distance from a = 1 the closed forms are 0/0; they are evaluated symmetrically around it. */
    private static final double A_NEAR_ONE = 1e-6;

    private final BgNbdParameters parameters;

    public BgNbdModel(BgNbdParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public BgNbdParameters parameters() {
        return parameters;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.BGNBD;
    }

    @Override
    public TimeUnit unit() {
        return parameters.unit();
    }

    /** The log-likelihood of {@code data} (times in {@code parameters.unit()}) under these parameters. */
    public static double logLikelihood(BgNbdParameters parameters, BgNbdData data) {
        return new BgNbdLikelihood(data, 1).logLikelihood(parameters.r(), parameters.alpha(), parameters.a(),
                parameters.b());
    }

    /**
     * P(alive | x, t_x, T): the probability that a customer with this history has not dropped out by T.
     * Exactly 1 without repeat purchases, because in BG/NBD dropout can only follow a repeat purchase.
     */
    @Override
    public double probabilityAlive(int x, double recency, double age) {
        checkHistory(x, recency, age);
        if (x == 0) {
            return 1;
        }
        double r = parameters.r();
        double alpha = parameters.alpha();
        double logOdds = Math.log(parameters.a() / (parameters.b() + x - 1))
                + (r + x) * Math.log((alpha + age) / (alpha + recency));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * E[Y(t) | x, t_x, T]: expected number of purchases in the next {@code t} (eq. 10 of the paper).
     */
    @Override
    public double expectedPurchases(double t, int x, double recency, double age) {
        checkHistory(x, recency, age);
        requireHorizon(t);
        if (t == 0) {
            return 0;
        }
        double a = parameters.a();
        if (Math.abs(a - 1) < A_NEAR_ONE) {
            return (conditional(t, x, recency, age, 1 - A_NEAR_ONE) + conditional(t, x, recency, age, 1 + A_NEAR_ONE)) / 2;
        }
        return conditional(t, x, recency, age, a);
    }

    private double conditional(double t, int x, double recency, double age, double a) {
        double r = parameters.r();
        double alpha = parameters.alpha();
        double b = parameters.b();
        double z = t / (alpha + age + t);
        double hyp = Hypergeometric2F1.value(r + x, b + x, a + b + x - 1, z);
        double bracket = 1 - Math.exp((r + x) * Math.log1p(-z)) * hyp;
        double alive = probabilityAlive(x, recency, age);
        double expected = (a + b + x - 1) / (a - 1) * bracket * alive;
        if (!Double.isFinite(expected)) {
            // (1−z)^(r+x) underflows while 2F1 overflows: only for hundreds of purchases and a horizon far
            // longer than the customer's history; refuse rather than return NaN
            throw new ArithmeticException("expected purchases out of double range for x=" + x + ", T=" + age
                    + ", t=" + t);
        }
        return expected;
    }

    /** E[X(t)]: expected purchases in (0, t] of a customer just acquired at time 0 (eq. 9 of the paper). */
    @Override
    public double unconditionalExpectedPurchases(double t) {
        requireHorizon(t);
        if (t == 0) {
            return 0;
        }
        double a = parameters.a();
        if (Math.abs(a - 1) < A_NEAR_ONE) {
            return (unconditional(t, 1 - A_NEAR_ONE) + unconditional(t, 1 + A_NEAR_ONE)) / 2;
        }
        return unconditional(t, a);
    }

    private double unconditional(double t, double a) {
        double r = parameters.r();
        double alpha = parameters.alpha();
        double b = parameters.b();
        double z = t / (alpha + t);
        double hyp = Hypergeometric2F1.value(r, b, a + b - 1, z);
        return (a + b - 1) / (a - 1) * (1 - Math.exp(r * Math.log1p(-z)) * hyp);
    }

    private static void checkHistory(int x, double recency, double age) {
        if (x < 0 || !(recency >= 0 && recency <= age && Double.isFinite(age)) || (x == 0 && recency != 0)) {
            throw new IllegalArgumentException("need x >= 0 and 0 <= t_x <= T (t_x = 0 when x = 0), was x=" + x
                    + " t_x=" + recency + " T=" + age);
        }
    }

    private static void requireHorizon(double t) {
        if (!(t >= 0 && Double.isFinite(t))) {
            throw new IllegalArgumentException("horizon must be >= 0 and finite, was " + t);
        }
    }
}
