package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test's own reference against published figures, so that RankingEndToEndIT compares with something known. */
class IndependentClvTest {

    @Test
    void bgNbdGivesThePublishedConditionalExpectation() throws Exception {
        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW: a customer with x = 2, t_x = 30.43
        // and T = 38.86 weeks is expected to make 1.226 purchases in the next 39 weeks
        JsonNode cdnow = Json.MAPPER.readTree("{\"r\": 0.243, \"alpha\": 4.414, \"a\": 0.793, \"b\": 2.426}");
        assertEquals(1.226, IndependentClv.bgNbd(cdnow, 39, 2, 30.43, 38.86, false), 0.0005);
    }

    @Test
    void theHypergeometricSeriesMatchesAClosedForm() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        for (double z : new double[] {0.1, 0.5, 0.9, 0.99}) {
            assertEquals(-Math.log1p(-z) / z, IndependentClv.hypergeometric(1, 1, 2, z), 1e-12, "z = " + z);
        }
    }
}
