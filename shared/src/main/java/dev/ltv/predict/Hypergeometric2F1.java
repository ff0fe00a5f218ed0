package dev.ltv.predict;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1.
 *
 * <p>BG/NBD's expected number of purchases needs it with z = t / (α + T + t), which approaches 1 for long
 * horizons. The power series converges for |z| &lt; 1 but ever more slowly near 1, and alternates (losing
 * digits) for negative z. So:
 * <ul>
 *   <li>z &lt; 0 (including z &lt; −1, where the series diverges) is mapped into (0, 1) with Pfaff's
 *       transformation ₂F₁(a,b;c;z) = (1−z)^−a ₂F₁(a, c−b; c; z/(z−1));</li>
 *   <li>0 ≤ z ≤ 0.9 is summed directly, stopping only when a bound on the whole remaining tail is below
 *       double precision;</li>
 *   <li>0.9 &lt; z &lt; 1 uses the 1−z connection formula (two series in 1−z &lt; 0.1), unless c−a−b is within
 *       1e-3 of an integer, where that formula's two terms cancel catastrophically; there the direct series
 *       is summed instead (up to {@value #MAX_TERMS} terms, enough for z up to about 1 − 1e-5);</li>
 *   <li>z = 1 uses Gauss's theorem when c−a−b &gt; 0.</li>
 * </ul>
 * Anything else (z &gt; 1, c a pole, non-convergence) throws rather than return a wrong number.
 */
public final class Hypergeometric2F1 {

    static final int MAX_TERMS = 5_000_000;
    private static final double EPS = 1e-16;
    private static final double DIRECT_UP_TO = 0.9;
    private static final double NEAR_INTEGER = 1e-3;

    private Hypergeometric2F1() {
    }

    public static double value(double a, double b, double c, double z) {
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(z))) {
            throw new IllegalArgumentException("2F1 needs finite arguments: a=" + a + " b=" + b + " c=" + c + " z=" + z);
        }
        if (SpecialFunctions.isPole(c)) {
            throw new IllegalArgumentException("2F1 is undefined for c a non-positive integer, c=" + c);
        }
        if (z == 0) {
            return 1;
        }
        if (SpecialFunctions.isPole(a) || SpecialFunctions.isPole(b)) {
            return series(a, b, c, z); // a polynomial: finitely many terms, any z
        }
        if (z > 1) {
            throw new IllegalArgumentException("2F1 is not real-valued for z > 1, z=" + z);
        }
        if (z == 1) {
            return atOne(a, b, c);
        }
        if (z < 0) {
            double w = z / (z - 1);
            return Math.pow(1 - z, -a) * value(a, c - b, c, w);
        }
        if (z <= DIRECT_UP_TO || nearInteger(c - a - b)) {
            return series(a, b, c, z);
        }
        return connection(a, b, c, z);
    }

    private static double atOne(double a, double b, double c) {
        double s = c - a - b;
        if (!(s > 0)) {
            throw new ArithmeticException("2F1(a,b;c;1) diverges when c-a-b <= 0, c-a-b=" + s);
        }
        return gammaRatio(new double[] {c, s}, new double[] {c - a, c - b});
    }

    private static double connection(double a, double b, double c, double z) {
        double s = c - a - b;
        double w = 1 - z;
        double first = gammaRatio(new double[] {c, s}, new double[] {c - a, c - b});
        double second = gammaRatio(new double[] {c, -s}, new double[] {a, b});
        double result = 0;
        if (first != 0) {
            result += first * series(a, b, 1 - s, w);
        }
        if (second != 0) {
            result += second * Math.pow(w, s) * series(c - a, c - b, 1 + s, w);
        }
        return result;
    }

    /** Γ(n1)Γ(n2)… / (Γ(d1)Γ(d2)…); 0 when a denominator argument is a pole (1/Γ = 0). */
    private static double gammaRatio(double[] numerator, double[] denominator) {
        for (double d : denominator) {
            if (SpecialFunctions.isPole(d)) {
                return 0;
            }
        }
        double log = 0;
        double sign = 1;
        for (double n : numerator) {
            log += SpecialFunctions.logAbsGamma(n);
            sign *= SpecialFunctions.signGamma(n);
        }
        for (double d : denominator) {
            log -= SpecialFunctions.logAbsGamma(d);
            sign *= SpecialFunctions.signGamma(d);
        }
        return sign * Math.exp(log);
    }

    /** The power series, stopped when a geometric bound on the remaining tail is negligible. */
    static double series(double a, double b, double c, double z) {
        double sum = 1;
        double term = 1;
        double absZ = Math.abs(z);
        for (int k = 0; k < MAX_TERMS; k++) {
            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (term == 0) {
                return sum;
            }
            // for large k the ratio tends to z; the largest of the current ratio and |z| bounds later ones
            double rho = Math.max(Math.abs(ratio), absZ);
            if (rho < 1 && k > Math.abs(a) + Math.abs(b) && Math.abs(term) * rho / (1 - rho) <= EPS * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1 series did not converge in " + MAX_TERMS + " terms: a=" + a + " b=" + b
                + " c=" + c + " z=" + z);
    }

    private static boolean nearInteger(double v) {
        return Math.abs(v - Math.rint(v)) < NEAR_INTEGER;
    }
}
