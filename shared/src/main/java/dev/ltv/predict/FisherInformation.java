package dev.ltv.predict;

import dev.ltv.predict.optim.DifferentiableFunction;

/**
 * Standard errors of maximum-likelihood estimates from the observed Fisher information: the inverse of the
 * Hessian of the negative log-likelihood, taken by central differences of the exact gradient.
 */
final class FisherInformation {

    private static final double STEP = 1e-5;

    private FisherInformation() {
    }

    /** Standard errors of the coordinates of {@code optimum} (a minimum of {@code negativeLogLikelihood}). */
    static double[] standardErrors(DifferentiableFunction negativeLogLikelihood, double[] optimum) {
        int n = optimum.length;
        double[][] covariance = invert(hessian(negativeLogLikelihood, optimum));
        double[] se = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(covariance[i][i] > 0)) {
                throw new ModelFitException("the information matrix is not positive definite at the optimum:"
                        + " the data do not determine all parameters");
            }
            se[i] = Math.sqrt(covariance[i][i]);
        }
        return se;
    }

    /** Symmetrised Hessian of {@code f} at {@code point}, by central differences of its exact gradient. */
    static double[][] hessian(DifferentiableFunction f, double[] point) {
        int n = point.length;
        double[][] hessian = new double[n][n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            double[] p = point.clone();
            p[i] += STEP;
            f.valueAndGradient(p, plus);
            p[i] -= 2 * STEP;
            f.valueAndGradient(p, minus);
            for (int j = 0; j < n; j++) {
                hessian[i][j] = (plus[j] - minus[j]) / (2 * STEP);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double mean = (hessian[i][j] + hessian[j][i]) / 2;
                hessian[i][j] = mean;
                hessian[j][i] = mean;
            }
        }
        return hessian;
    }

    /** Gauss–Jordan inversion with partial pivoting (the matrices here are 3×3 or 4×4). */
    static double[][] invert(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (a[pivot][col] == 0) {
                throw new ModelFitException("the information matrix is singular: the data do not determine all parameters");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double div = a[col][col];
            for (int j = 0; j < 2 * n; j++) {
                a[col][j] /= div;
            }
            for (int row = 0; row < n; row++) {
                if (row != col && a[row][col] != 0) {
                    double f = a[row][col];
                    for (int j = 0; j < 2 * n; j++) {
                        a[row][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
