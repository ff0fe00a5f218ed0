package dev.ltv.fit.segment;

import dev.ltv.segment.CustomerFigures;
import dev.ltv.segment.SegmentBoundaries;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundarySketchesTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    private static CustomerFigures customer(long days, long purchases, double revenue, double ltv, Double clv) {
        return new CustomerFigures(days, purchases, BigDecimal.valueOf(revenue), BigDecimal.valueOf(ltv), clv,
                clv == null ? null : 0.5);
    }

    @Test
    void aSmallBaseGetsItsExactQuantiles() {
        // below K values the sketch keeps every value: recencies 1..100 have the quintile cuts 20, 40, 60, 80
        BoundarySketches sketches = new BoundarySketches();
        for (int i = 1; i <= 100; i++) {
            sketches.add(customer(i, i <= 60 ? 1 : 2, i * 10.0, i * 100.0, (double) i));
        }
        SegmentBoundaries b = sketches.boundaries(AS_OF).orElseThrow();
        assertArrayEquals(new double[] {20, 40, 60, 80}, b.recencyDays().values());
        assertArrayEquals(new double[] {1, 1, 1, 2}, b.purchases().values(), "60 % one-time buyers");
        assertArrayEquals(new double[] {200, 400, 600, 800}, b.revenue().values());
        assertArrayEquals(new double[] {5000, 9000, 9900}, b.ltv().values());
        assertArrayEquals(new double[] {50, 90, 99}, b.predictedClv().values());
        assertEquals(100, b.customers());
        assertEquals(1, b.frequencyScore(1));
        assertEquals(5, b.recencyScore(20));
    }

    @Test
    void withoutPredictionsThereAreNoClvCutsAndAnEmptyBaseHasNoBoundaries() {
        BoundarySketches sketches = new BoundarySketches();
        assertTrue(sketches.boundaries(AS_OF).isEmpty());
        sketches.add(customer(3, 1, 20, 60, null));
        assertNull(sketches.boundaries(AS_OF).orElseThrow().predictedClv());
    }

    @Test
    void workersMergedInAnyOrderAgreeWithTheTrueQuantilesWithinTheRankError() {
        int customers = 200_000;
        int workers = 8;
        BoundarySketches[] partial = new BoundarySketches[workers];
        Arrays.setAll(partial, w -> new BoundarySketches());
        double[] ltv = new double[customers];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < customers; i++) {
            ltv[i] = Math.exp(random.nextGaussian() * 1.2 + 5);
            partial[i % workers].add(customer(random.nextInt(730), 1 + random.nextInt(9), ltv[i] / 3, ltv[i], ltv[i] / 2));
        }
        // workers hand their sketches over serialized, as separate invocations would
        BoundarySketches merged = BoundarySketches.fromBytes(partial[workers - 1].toBytes());
        for (int w = workers - 2; w >= 0; w--) {
            merged.merge(BoundarySketches.fromBytes(partial[w].toBytes()));
        }
        assertEquals(customers, merged.customers());

        Arrays.sort(ltv);
        double[] cuts = merged.boundaries(AS_OF).orElseThrow().ltv().values();
        double[] ranks = SegmentBoundaries.TIER_QUANTILES;
        for (int i = 0; i < cuts.length; i++) {
            double trueRank = rankOf(ltv, cuts[i]);
            assertEquals(ranks[i], trueRank, 0.005, "rank of the " + ranks[i] + " cut");
        }
        assertTrue(merged.serializedSize() < 200_000, "bounded: " + merged.serializedSize() + " bytes");
    }

    private static double rankOf(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        int atOrBelow = index >= 0 ? index + 1 : -index - 1;
        return atOrBelow / (double) sorted.length;
    }
}
