package dev.ltv.predict;

import java.util.Objects;

/**
 * Predictions of a fitted MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): BG/NBD in which a customer
 * may also drop out right after the first purchase, so a one-time buyer who stays silent is written off too
 * (in BG/NBD such a customer is alive with probability 1 forever). All times in {@code parameters().unit()}.
 */
public final class MbgNbdModel implements PurchaseModel {

    private static final double A_NEAR_ONE = 1e-6;

    private final MbgNbdParameters parameters;

    public MbgNbdModel(MbgNbdParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    public MbgNbdParameters parameters() {
        return parameters;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.MBGNBD;
    }

    @Override
    public TimeUnit unit() {
        return parameters.unit();
    }

    /** The log-likelihood of {@code data} (times in {@code parameters.unit()}) under these parameters. */
    public static double logLikelihood(MbgNbdParameters p, BgNbdData data) {
        return new BgNbdLikelihood(data, 1, true).logLikelihood(p.r(), p.alpha(), p.a(), p.b());
    }

    /** 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)); below 1 also for x = 0. */
    @Override
    public double probabilityAlive(int x, double recency, double age) {
        PurchaseModel.checkHistory(x, recency, age);
        double alpha = parameters.alpha();
        double logOdds = Math.log(parameters.a() / (parameters.b() + x))
                + (parameters.r() + x) * Math.log((alpha + age) / (alpha + recency));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
     */
    @Override
    public double expectedPurchases(double t, int x, double recency, double age) {
        PurchaseModel.checkHistory(x, recency, age);
        PurchaseModel.requireHorizon(t);
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
        double hyp = Hypergeometric2F1.value(r + x, b + x + 1, a + b + x, z);
        double bracket = 1 - Math.exp((r + x) * Math.log1p(-z)) * hyp;
        double expected = (a + b + x) / (a - 1) * bracket * probabilityAlive(x, recency, age);
        if (!Double.isFinite(expected)) {
            throw new ArithmeticException("expected purchases out of double range for x=" + x + ", T=" + age
                    + ", t=" + t);
        }
        return expected;
    }

    /** b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]. */
    @Override
    public double unconditionalExpectedPurchases(double t) {
        PurchaseModel.requireHorizon(t);
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
        double hyp = Hypergeometric2F1.value(r, b + 1, a + b, z);
        return b / (a - 1) * (1 - Math.exp(r * Math.log1p(-z)) * hyp);
    }
}
