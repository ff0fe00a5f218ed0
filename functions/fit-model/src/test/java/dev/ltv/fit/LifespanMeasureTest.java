package dev.ltv.fit;

import dev.ltv.model.MeasuredLifespan;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifespanMeasureTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);

    private static Rfm customer(LocalDate first, LocalDate last, long days) {
        return Rfm.fromState(days, first, last, BigDecimal.valueOf(10 * days), BigDecimal.TEN, AS_OF, TimeUnit.WEEKS);
    }

    @Test
    void averagesTheSpansOfCustomersWithoutAPurchaseForTheLapse() {
        Map<String, Rfm> customers = new LinkedHashMap<>();
        // 30 lapsed customers: last purchase exactly 365 days ago, and 400 days ago; spans 0, 100, 200 … days
        LocalDate lapsedLast = AS_OF.minusDays(365);
        long spanSum = 0;
        for (int i = 0; i < 30; i++) {
            LocalDate last = i % 2 == 0 ? lapsedLast : AS_OF.minusDays(400);
            long span = 100L * (i % 5);
            customers.put("lapsed-" + i, customer(last.minusDays(span), last, span == 0 ? 1 : 2));
            spanSum += span;
        }
        // active: a purchase 364 days ago or later, whatever their span
        customers.put("active-1", customer(AS_OF.minusDays(3000), AS_OF.minusDays(364), 5));
        customers.put("active-2", customer(AS_OF.minusDays(10), AS_OF, 2));
        MeasuredLifespan lifespan = LifespanMeasure.of(new RfmSummary(AS_OF, TimeUnit.WEEKS, customers), 365);
        assertEquals(30, lifespan.lapsedCustomers());
        assertEquals(365, lifespan.lapseDays());
        assertEquals(6000, spanSum); // 6 × (0 + 100 + 200 + 300 + 400)
        assertEquals(6000 / 365.25 / 30, lifespan.years(), 1e-15);
        assertTrue(lifespan.measured());
    }

    @Test
    void fewerThanTheMinimumOfLapsedCustomersIsInsufficientData() {
        Map<String, Rfm> customers = new LinkedHashMap<>();
        for (int i = 0; i < MeasuredLifespan.MIN_LAPSED_CUSTOMERS - 1; i++) {
            customers.put("lapsed-" + i, customer(AS_OF.minusDays(800), AS_OF.minusDays(700), 2));
        }
        MeasuredLifespan lifespan = LifespanMeasure.of(new RfmSummary(AS_OF, TimeUnit.WEEKS, customers), 365);
        assertFalse(lifespan.measured());
        assertNull(lifespan.years());
        assertEquals(29, lifespan.lapsedCustomers());
        assertTrue(lifespan.reason().contains("needs at least 30"), lifespan.reason());
    }
}
