package dev.ltv.predict;

import java.util.Arrays;

/** The distinct values of a column and, for each row, the index of its value (so per-value work is done once). */
final class DistinctValues {

    final double[] values;
    final int[] index;

    DistinctValues(double[] column, double scale) {
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        double[] distinct = Arrays.copyOf(sorted, n);
        index = new int[column.length];
        for (int i = 0; i < column.length; i++) {
            index[i] = Arrays.binarySearch(distinct, column[i]);
        }
        for (int i = 0; i < n; i++) {
            distinct[i] *= scale;
        }
        values = distinct;
    }
}
