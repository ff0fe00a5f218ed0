package dev.ltv.predict;

import java.util.Arrays;

/**
 * BG/NBD input columns (x, t_x, T) with identical rows grouped into one row with a weight.
 *
 * <p>Real data is recorded in whole days, so a large customer base has far fewer distinct (x, t_x, T) rows
 * than customers; the likelihood is then evaluated once per distinct row. The distinct t_x and T values are
 * also indexed, because the likelihood's logarithms depend on the row only through them. Arrays returned
 * are the internal ones: do not modify them.
 */
public final class BgNbdData {

    private final int[] x;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final double totalWeight;

    private BgNbdData(int[] x, double[] recency, double[] age, double[] weight) {
        this.x = x;
        this.recency = recency;
        this.age = age;
        this.weight = weight;
        double sum = 0;
        for (double w : weight) {
            sum += w;
        }
        this.totalWeight = sum;
    }

    /** One row per customer; identical rows are grouped. */
    public static BgNbdData of(int[] x, double[] recency, double[] age) {
        double[] ones = new double[x.length];
        Arrays.fill(ones, 1);
        return weighted(x, recency, age, ones);
    }

    /**
     * Rows with weights (number of customers sharing the row); identical rows are grouped further.
     *
     * @throws IllegalArgumentException for mismatched lengths, negative x, non-finite times, t_x &gt; T,
     *                                  t_x ≠ 0 with x = 0, or non-positive weights; the message names the row
     */
    public static BgNbdData weighted(int[] x, double[] recency, double[] age, double[] weight) {
        int n = x.length;
        if (recency.length != n || age.length != n || weight.length != n) {
            throw new IllegalArgumentException("x, recency, age and weight must have the same length");
        }
        for (int i = 0; i < n; i++) {
            validate(i, x[i], recency[i], age[i], weight[i]);
        }
        RowGroups groups = new RowGroups(n);
        for (int i = 0; i < n; i++) {
            groups.add(x[i], recency[i], age[i], weight[i]);
        }
        return new BgNbdData(groups.x(), groups.recency(), groups.age(), groups.weight());
    }

    private static void validate(int i, int x, double tx, double t, double w) {
        if (x < 0) {
            throw new IllegalArgumentException("row " + i + ": frequency must be >= 0, was " + x);
        }
        if (!(Double.isFinite(tx) && Double.isFinite(t) && tx >= 0 && tx <= t)) {
            throw new IllegalArgumentException("row " + i + ": need 0 <= recency <= age, was " + tx + ", " + t);
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("row " + i + ": recency must be 0 when frequency is 0, was " + tx);
        }
        if (!(w > 0 && Double.isFinite(w))) {
            throw new IllegalArgumentException("row " + i + ": weight must be positive, was " + w);
        }
    }

    public int rows() {
        return x.length;
    }

    /** Number of customers (sum of weights). */
    public double totalWeight() {
        return totalWeight;
    }

    public int[] frequency() {
        return x;
    }

    public double[] recency() {
        return recency;
    }

    public double[] age() {
        return age;
    }

    public double[] weight() {
        return weight;
    }

    /** Every {@code stride}-th row, weights kept: a cheap, deterministic subsample to find a starting point. */
    BgNbdData stride(int stride) {
        int n = (x.length + stride - 1) / stride;
        int[] sx = new int[n];
        double[] stx = new double[n];
        double[] st = new double[n];
        double[] sw = new double[n];
        for (int i = 0, j = 0; i < x.length; i += stride, j++) {
            sx[j] = x[i];
            stx[j] = recency[i];
            st[j] = age[i];
            sw[j] = weight[i];
        }
        return new BgNbdData(sx, stx, st, sw);
    }

    /** Open-addressing hash table on (x, t_x, T) that sums weights of identical rows. */
    private static final class RowGroups {
        private final int[] slots;
        private final int mask;
        private final int[] gx;
        private final double[] gtx;
        private final double[] gt;
        private final double[] gw;
        private int size;

        RowGroups(int capacity) {
            int tableSize = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
            slots = new int[tableSize];
            Arrays.fill(slots, -1);
            mask = tableSize - 1;
            gx = new int[capacity];
            gtx = new double[capacity];
            gt = new double[capacity];
            gw = new double[capacity];
        }

        void add(int x, double tx, double t, double w) {
            long h = x * 0x9E3779B97F4A7C15L ^ Double.doubleToLongBits(tx) * 0xC2B2AE3D27D4EB4FL
                    ^ Double.doubleToLongBits(t) * 0x165667B19E3779F9L;
            int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
            while (slots[slot] >= 0) {
                int g = slots[slot];
                if (gx[g] == x && gtx[g] == tx && gt[g] == t) {
                    gw[g] += w;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            slots[slot] = size;
            gx[size] = x;
            gtx[size] = tx;
            gt[size] = t;
            gw[size] = w;
            size++;
        }

        int[] x() {
            return Arrays.copyOf(gx, size);
        }

        double[] recency() {
            return Arrays.copyOf(gtx, size);
        }

        double[] age() {
            return Arrays.copyOf(gt, size);
        }

        double[] weight() {
            return Arrays.copyOf(gw, size);
        }
    }
}
