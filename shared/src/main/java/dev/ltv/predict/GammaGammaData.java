package dev.ltv.predict;

/**
 * Gamma-Gamma input: for each customer with repeat purchases, the number of repeat purchases x &gt; 0 and
 * their mean spend m̄ &gt; 0 (in money units; the calibration period's monetary value). Arrays returned are
 * the internal ones: do not modify them.
 */
public final class GammaGammaData {

    private final int[] x;
    private final double[] meanSpend;

    private GammaGammaData(int[] x, double[] meanSpend) {
        this.x = x;
        this.meanSpend = meanSpend;
    }

    /**
     * @throws IllegalArgumentException when lengths differ or a row has x ≤ 0 or m̄ ≤ 0 (the model is a density
     *                                  of positive spend; zero-spend or first-purchase-only customers are to be
     *                                  left out, which {@link RfmSummary#toGammaGammaData()} does)
     */
    public static GammaGammaData of(int[] x, double[] meanSpend) {
        if (x.length != meanSpend.length) {
            throw new IllegalArgumentException("x and mean spend must have the same length");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= 0) {
                throw new IllegalArgumentException("row " + i + ": Gamma-Gamma needs repeat purchases (x > 0), was "
                        + x[i]);
            }
            if (!(meanSpend[i] > 0 && Double.isFinite(meanSpend[i]))) {
                throw new IllegalArgumentException("row " + i + ": mean spend must be positive, was " + meanSpend[i]);
            }
        }
        return new GammaGammaData(x.clone(), meanSpend.clone());
    }

    public int size() {
        return x.length;
    }

    public int[] frequency() {
        return x;
    }

    public double[] meanSpend() {
        return meanSpend;
    }
}
