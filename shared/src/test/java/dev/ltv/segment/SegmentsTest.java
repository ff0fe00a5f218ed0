package dev.ltv.segment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SegmentsTest {

    // a base where 60 % bought once: the frequency quintiles are 1, 1, 1, 2
    private static final SegmentBoundaries BOUNDARIES = new SegmentBoundaries(
            Cuts.of(30, 90, 180, 365), Cuts.of(1, 1, 1, 2), Cuts.of(20, 50, 100, 250),
            Cuts.of(100, 600, 3000), Cuts.of(40, 300, 1500), 10_000, LocalDate.of(2026, 11, 30));

    private static CustomerFigures figures(long days, long purchases, String revenue, String ltv, Double clv, Double alive) {
        return new CustomerFigures(days, purchases, new BigDecimal(revenue), new BigDecimal(ltv), clv, alive);
    }

    @Test
    void recencyScoresFallWithTheDaysSinceTheLastPurchase() {
        assertEquals(5, BOUNDARIES.recencyScore(0));
        assertEquals(5, BOUNDARIES.recencyScore(30), "on a cut stays in the better class");
        assertEquals(4, BOUNDARIES.recencyScore(31));
        assertEquals(2, BOUNDARIES.recencyScore(365));
        assertEquals(1, BOUNDARIES.recencyScore(366));
    }

    @Test
    void tiedOneTimeBuyersAllScoreOneAndTheNextPurchaseJumpsPastTheTies() {
        assertEquals(1, BOUNDARIES.frequencyScore(1));
        assertEquals(4, BOUNDARIES.frequencyScore(2));
        assertEquals(5, BOUNDARIES.frequencyScore(3));
    }

    @Test
    void valueTiersAreStrictlyAboveTheirPercentile() {
        assertEquals(ValueTier.BOTTOM_50_PERCENT, SegmentBoundaries.tier(BOUNDARIES.ltv(), 100));
        assertEquals(ValueTier.TOP_50_PERCENT, SegmentBoundaries.tier(BOUNDARIES.ltv(), 100.01));
        assertEquals(ValueTier.TOP_10_PERCENT, SegmentBoundaries.tier(BOUNDARIES.ltv(), 3000));
        assertEquals(ValueTier.TOP_1_PERCENT, SegmentBoundaries.tier(BOUNDARIES.ltv(), 3000.5));
        assertEquals(ValueTier.BOTTOM_50_PERCENT, SegmentBoundaries.tier(BOUNDARIES.ltv(), -50), "a negative LTV");
    }

    @Test
    void aRecentRepeatBuyerWithAHighValueIsAChampionInTheTopTiers() {
        Segments s = Segments.assign(figures(10, 3, "900.00", "3200.00", 1600.0, 0.93), BOUNDARIES);
        assertEquals(new Segments(5, 5, 5, RfmSegment.CHAMPIONS, ValueTier.TOP_1_PERCENT, ValueTier.TOP_1_PERCENT,
                ChurnRisk.LOW), s);
        assertEquals(List.of("rfm:champions", "ltv:top-1-percent", "clv:top-1-percent", "churn:low"), s.ids());
    }

    @Test
    void aBigSpenderWhoStoppedBuyingIsCantLoseAndAtHighRisk() {
        Segments s = Segments.assign(figures(400, 6, "1200.00", "700.00", 35.0, 0.12), BOUNDARIES);
        assertEquals(RfmSegment.CANT_LOSE, s.rfm());
        assertEquals(1, s.recencyScore());
        assertEquals(ValueTier.TOP_10_PERCENT, s.ltvTier());
        assertEquals(ValueTier.BOTTOM_50_PERCENT, s.clvTier());
        assertEquals(ChurnRisk.HIGH, s.churnRisk());
    }

    @Test
    void withoutAModelThereIsNoClvTierAndNoChurnRisk() {
        Segments s = Segments.assign(figures(3, 1, "25.00", "75.00", null, null), BOUNDARIES);
        assertEquals(RfmSegment.NEW, s.rfm());
        assertNull(s.clvTier());
        assertNull(s.churnRisk());
        assertEquals(List.of("rfm:new", "ltv:bottom-50-percent"), s.ids());
    }

    @Test
    void churnRiskThresholds() {
        assertEquals(ChurnRisk.HIGH, ChurnRisk.of(0.4999));
        assertEquals(ChurnRisk.MEDIUM, ChurnRisk.of(0.5));
        assertEquals(ChurnRisk.MEDIUM, ChurnRisk.of(0.7999));
        assertEquals(ChurnRisk.LOW, ChurnRisk.of(0.8));
        assertThrows(IllegalArgumentException.class, () -> ChurnRisk.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ChurnRisk.of(1.2));
    }

    @Test
    void malformedBoundariesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cuts.of(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Cuts.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SegmentBoundaries(Cuts.of(1, 2, 3), Cuts.of(1, 1, 1, 2),
                Cuts.of(1, 2, 3, 4), Cuts.of(1, 2, 3), null, 1, LocalDate.of(2026, 1, 1)));
    }
}
