package dev.ltv.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Parameter uncertainty as draws from the asymptotic normal distribution of the maximum-likelihood estimates
 * on the log scale (mean: the estimate; covariance: the inverse observed information), for the purchase model
 * and the Gamma-Gamma spend model independently (they are fitted on separate likelihoods).
 *
 * <p>The draws are a pure function of the fits and the {@code seed} (ltv uses the model version), so a
 * customer's interval is the same on every request under one model version. Draws on the log scale keep every
 * parameter positive; a draw the models reject (Gamma-Gamma q ≤ 1, where the mean spend is undefined) is
 * drawn again.
 */
public final class ParameterDraws {

    /** Enough draws that the 5 % and 95 % quantiles move by well under their own width between seeds. */
    public static final int DEFAULT_DRAWS = 200;
    private static final int MAX_REJECTIONS = 10_000;

    private final List<PurchaseModel> purchases;
    private final List<GammaGammaModel> spend;

    private ParameterDraws(List<PurchaseModel> purchases, List<GammaGammaModel> spend) {
        this.purchases = purchases;
        this.spend = spend;
    }

    /**
     * @param spendFit        the Gamma-Gamma fit, or null to keep spend out (then {@link #spend()} is empty)
     * @param spendCovariance its log-parameter covariance (ignored when {@code spendFit} is null)
     */
    public static ParameterDraws of(PurchaseFit purchaseFit, GammaGammaFit spendFit, double[][] spendCovariance,
                                    int draws, long seed) {
        if (draws < 2) {
            throw new IllegalArgumentException("need at least 2 draws, was " + draws);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] mean = log(purchaseFit.parameters());
        double[][] lower = cholesky(purchaseFit.logCovariance());
        List<PurchaseModel> models = new ArrayList<>(draws);
        while (models.size() < draws) {
            models.add(purchaseFit.kind().model(exp(sample(mean, lower, random)), purchaseFit.unit()));
        }
        List<GammaGammaModel> spendModels = new ArrayList<>();
        if (spendFit != null) {
            GammaGammaParameters p = spendFit.parameters();
            double[] spendMean = log(new double[] {p.p(), p.q(), p.gamma()});
            double[][] spendLower = cholesky(spendCovariance);
            int rejected = 0;
            while (spendModels.size() < draws) {
                double[] q = exp(sample(spendMean, spendLower, random));
                if (q[1] > 1) {
                    spendModels.add(new GammaGammaModel(new GammaGammaParameters(q[0], q[1], q[2])));
                } else if (++rejected > MAX_REJECTIONS) {
                    throw new ModelFitException("Gamma-Gamma: q is too uncertain to draw spend intervals"
                            + " (most draws have q <= 1)");
                }
            }
        }
        return new ParameterDraws(List.copyOf(models), List.copyOf(spendModels));
    }

    public List<PurchaseModel> purchases() {
        return purchases;
    }

    public List<GammaGammaModel> spend() {
        return spend;
    }

    private static double[] sample(double[] mean, double[][] lower, SplittableRandom random) {
        int n = mean.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = normal(random);
        }
        double[] out = mean.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                out[i] += lower[i][j] * z[j];
            }
        }
        return out;
    }

    /** Standard normal by Box–Muller (one of the pair). */
    private static double normal(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The lower Cholesky factor; the covariance of a fitted optimum is positive definite. */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new ModelFitException("the parameter covariance is not positive definite: "
                                + Arrays.deepToString(a));
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[] log(double[] v) {
        return Arrays.stream(v).map(Math::log).toArray();
    }

    private static double[] exp(double[] v) {
        return Arrays.stream(v).map(Math::exp).toArray();
    }
}
