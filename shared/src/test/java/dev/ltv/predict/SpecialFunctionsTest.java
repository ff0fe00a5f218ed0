package dev.ltv.predict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpecialFunctionsTest {

    @Test
    void logGammaMatchesKnownValues() {
        assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 1e-14);
        assertEquals(Math.log(362880), SpecialFunctions.logGamma(10), 1e-13);
        assertEquals(359.1342053695754, SpecialFunctions.logGamma(100), 1e-12);
        assertEquals(0, SpecialFunctions.logGamma(1), 1e-15);
        assertEquals(0, SpecialFunctions.logGamma(2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logGamma(0));
    }

    @Test
    void gammaOfNegativeArgumentsByReflection() {
        // Γ(-1/2) = -2√π
        assertEquals(Math.log(2 * Math.sqrt(Math.PI)), SpecialFunctions.logAbsGamma(-0.5), 1e-14);
        assertEquals(-1, SpecialFunctions.signGamma(-0.5));
        assertEquals(1, SpecialFunctions.signGamma(-1.5)); // Γ(-3/2) = 4√π/3 > 0
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logAbsGamma(-2));
    }

    @Test
    void digammaMatchesKnownValues() {
        double eulerGamma = 0.5772156649015329;
        assertEquals(-eulerGamma, SpecialFunctions.digamma(1), 1e-14);
        assertEquals(-eulerGamma - 2 * Math.log(2), SpecialFunctions.digamma(0.5), 1e-14);
        assertEquals(1 + 0.5 - eulerGamma, SpecialFunctions.digamma(3), 1e-14); // H_2 - γ
    }
}
