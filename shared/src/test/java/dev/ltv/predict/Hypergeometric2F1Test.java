package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Checks every branch against closed forms of ₂F₁. */
class Hypergeometric2F1Test {

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertEquals(expected, actual, Math.abs(expected) * tolerance, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void directSeries() {
        // 2F1(1,1;2;z) = -ln(1-z)/z
        assertRelative(2 * Math.log(2), Hypergeometric2F1.value(1, 1, 2, 0.5), 1e-15);
        assertRelative(-Math.log1p(-0.2) / 0.2, Hypergeometric2F1.value(1, 1, 2, 0.2), 1e-15);
    }

    @Test
    void negativeArgumentsIncludingBelowMinusOneUsePfaff() {
        assertRelative(Math.log(4) / 3, Hypergeometric2F1.value(1, 1, 2, -3), 1e-14);
        // 2F1(1/2,1;3/2;-x²) = arctan(x)/x
        assertRelative(Math.atan(3) / 3, Hypergeometric2F1.value(0.5, 1, 1.5, -9), 1e-14);
        assertRelative(Math.atan(Math.sqrt(99)) / Math.sqrt(99), Hypergeometric2F1.value(0.5, 1, 1.5, -99), 1e-13);
    }

    @Test
    void nearOneUsesTheConnectionFormula() {
        // 2F1(a,b;b;z) = (1-z)^-a, c-a-b = -0.3
        assertRelative(Math.pow(0.05, -0.3), Hypergeometric2F1.value(0.3, 2.5, 2.5, 0.95), 1e-13);
        double z = 1 - 1e-6; // compare at the double nearest to it: 1 − z is exact, 1e-6 is not
        assertRelative(Math.pow(1 - z, -0.3), Hypergeometric2F1.value(0.3, 2.5, 2.5, z), 1e-13);
        // 2F1(1/2,1/2;3/2;x²) = arcsin(x)/x, c-a-b = 1/2
        assertRelative(Math.asin(0.99) / 0.99, Hypergeometric2F1.value(0.5, 0.5, 1.5, 0.99 * 0.99), 1e-13);
    }

    @Test
    void nearOneWithIntegerGapSumsTheSeries() {
        // c-a-b = 0: the connection formula degenerates; the series still converges
        assertRelative(-Math.log(0.01) / 0.99, Hypergeometric2F1.value(1, 1, 2, 0.99), 1e-12);
        double z = 1 - 1e-4;
        assertRelative(-Math.log1p(-z) / z, Hypergeometric2F1.value(1, 1, 2, z), 1e-11);
    }

    @Test
    void branchesAgreeWhereTheyMeet() {
        double series = Hypergeometric2F1.series(1.5, 2.5, 3.2, 0.95);
        assertRelative(series, Hypergeometric2F1.value(1.5, 2.5, 3.2, 0.95), 1e-12);
        assertRelative(Hypergeometric2F1.value(0.7, 1.3, 2.9, 0.9),
                Hypergeometric2F1.value(0.7, 1.3, 2.9, Math.nextUp(0.9)), 1e-13);
    }

    @Test
    void gaussTheoremAtOneAndPolynomials() {
        assertRelative(2, Hypergeometric2F1.value(1, 1, 3, 1), 1e-14); // Γ(3)Γ(1)/(Γ(2)Γ(2))
        assertRelative(4, Hypergeometric2F1.value(-2, 1, 1, 3), 1e-15); // (1-z)^2 at z=3
        assertEquals(1, Hypergeometric2F1.value(7, 8, 9, 0));
    }

    @Test
    void refusesWhereUndefined() {
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, -1, 0.5));
        assertThrows(ArithmeticException.class, () -> Hypergeometric2F1.value(1, 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(Double.NaN, 1, 2, 0.5));
    }
}
