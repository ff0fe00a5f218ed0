package dev.ltv.segment;

import java.util.Arrays;

/**
 * Ascending cut points between the classes of one figure over the customer base (for example the 20th, 40th, 60th
 * and 80th percentiles). A value belongs above a cut only when it is strictly greater: customers tied on a cut stay
 * below it, so ties (every one-time buyer has one purchase) never inflate an upper class.
 */
public record Cuts(double[] values) {

    public Cuts {
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("a cut must be a finite number, was " + values[i]);
            }
            if (i > 0 && values[i] < values[i - 1]) {
                throw new IllegalArgumentException("cuts must ascend: " + Arrays.toString(values));
            }
        }
    }

    public static Cuts of(double... values) {
        return new Cuts(values);
    }

    /** How many cuts the value is strictly above: 0 .. number of cuts. */
    public int above(double value) {
        int count = 0;
        for (double cut : values) {
            if (value > cut) {
                count++;
            }
        }
        return count;
    }

    public int size() {
        return values.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cuts cuts && Arrays.equals(values, cuts.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
