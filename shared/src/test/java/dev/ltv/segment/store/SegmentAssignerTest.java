package dev.ltv.segment.store;

import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.state.CustomerState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentAssignerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final SegmentBoundaries BOUNDARIES = new SegmentBoundaries(Cuts.of(30, 90, 180, 365),
            Cuts.of(1, 1, 2, 4), Cuts.of(50, 100, 200, 400), Cuts.of(150, 600, 1200), Cuts.of(5, 20, 60), 100, TODAY);
    private static final LtvConfig CONFIG = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "p", "LTV_TABLE", "l")));

    private static StoredModel model(SegmentBoundaries boundaries) {
        return new StoredModel(4, Instant.parse("2026-11-30T03:00:00Z"), TODAY.minusDays(1), 2357, 946, 946,
                new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4,
                new GammaGammaParameters(6.25, 3.74, 15.44), 0, null, null, null, null, boundaries);
    }

    private static CustomerState state(String revenue, long purchases, long days, LocalDate first, LocalDate last) {
        return new CustomerState("c-1", new BigDecimal(revenue), purchases, days, first, last, new BigDecimal("10.00"), 3,
                Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void aFrequentRecentBuyerIsAChampionAndTheFiguresAreThoseOfTheDay() {
        CustomerState state = state("900.00", 6, 6, TODAY.minusDays(300), TODAY.minusDays(3));
        SegmentMembership m = new SegmentAssigner(CONFIG).assign(state, Optional.of(model(BOUNDARIES)), TODAY);
        assertEquals("rfm:champions", m.idOf("rfm"), m.toString());
        assertEquals(List.of(5, 5, 5), List.of(m.recencyScore(), m.frequencyScore(), m.monetaryScore()));
        // classic LTV with the default parameters: 900 a year (6 purchases within one year) x 3 years
        assertEquals(0, new BigDecimal("2700.00").compareTo(m.ltv()));
        assertEquals("ltv:top-1-percent", m.idOf("ltv"));
        assertEquals(4, m.boundariesVersion());
        assertTrue(m.predictedClv() != null && m.predictedClv().signum() > 0);
        assertTrue(m.idOf("churn") != null && m.idOf("clv") != null);
    }

    @Test
    void timeAloneMovesAOneTimeBuyerFromNewToLost() {
        CustomerState state = state("20.00", 1, 1, TODAY.minusDays(2), TODAY.minusDays(2));
        SegmentAssigner assigner = new SegmentAssigner(CONFIG);
        assertEquals("rfm:new", assigner.assign(state, Optional.of(model(BOUNDARIES)), TODAY).idOf("rfm"));
        assertEquals("rfm:lost", assigner.assign(state, Optional.of(model(BOUNDARIES)), TODAY.plusDays(400)).idOf("rfm"));
    }

    @Test
    void noBoundariesOrNoPurchaseMeansNoSegments() {
        SegmentAssigner assigner = new SegmentAssigner(CONFIG);
        CustomerState state = state("20.00", 1, 1, TODAY, TODAY);
        assertNull(assigner.assign(state, Optional.of(model(null)), TODAY));
        assertNull(assigner.assign(state, Optional.empty(), TODAY));
        CustomerState refundsOnly = new CustomerState("c-2", new BigDecimal("-5.00"), 0, 0, null, null, BigDecimal.ZERO, 2,
                Instant.parse("2026-11-30T10:00:00Z"));
        assertNull(assigner.assign(refundsOnly, Optional.of(model(BOUNDARIES)), TODAY));
    }
}
