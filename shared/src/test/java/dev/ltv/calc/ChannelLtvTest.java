package dev.ltv.calc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelLtvTest {

    @Test
    void theAverageLtvIsTheLtvOfTheAverageCustomerValue() {
        // two customers with yearly customer values 180 and 60: average 120. Margin 0.5, retention 10 a year,
        // 3 years, channel CAC 40: (120 × 0.5 − 10) × 3 − 40 = 110; each customer's own LTV: (90 − 10) × 3 − 40 = 200
        // and (30 − 10) × 3 − 40 = 20, whose average is 110 too
        ChannelTotals totals = new ChannelTotals(2, 5, new BigDecimal("240"), new BigDecimal("240"));
        LtvParameters parameters = new LtvParameters(new BigDecimal("0.5"), new BigDecimal("40"), new BigDecimal("3"),
                new BigDecimal("10"));
        assertEquals(0, new BigDecimal("120").compareTo(ChannelLtv.averageCustomerValue(totals)));
        assertEquals(0, new BigDecimal("110").compareTo(ChannelLtv.averageLtv(totals, parameters)));
    }

    @Test
    void retentionCostAloneCanMakeAChannelNegative() {
        // average customer value 50 a year at margin 0.4 is 20 a year of profit; retention 25 a year: (20 − 25) × 2 = −10
        ChannelTotals totals = new ChannelTotals(4, 4, new BigDecimal("200"), new BigDecimal("200"));
        LtvParameters parameters = new LtvParameters(new BigDecimal("0.4"), BigDecimal.ZERO, new BigDecimal("2"),
                new BigDecimal("25"));
        assertEquals(0, new BigDecimal("-10").compareTo(ChannelLtv.averageLtv(totals, parameters)));
    }

    @Test
    void aChannelWithoutCustomersHasNoAverage() {
        assertThrows(IllegalArgumentException.class, () -> ChannelLtv.averageCustomerValue(ChannelTotals.EMPTY));
    }
}
