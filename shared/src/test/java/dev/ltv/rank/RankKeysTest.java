package dev.ltv.rank;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankKeysTest {

    private static final Currency USD = Currency.getInstance("USD");

    record Entry(BigDecimal figure, String customerId, String key) {
    }

    @Test
    void keysSortLikeTheirFiguresThenTheCustomerIds() {
        Random random = new Random(7);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // magnitudes from cents to 10^30, both signs, many ties
            BigInteger units = new BigInteger(1 + random.nextInt(100), random);
            if (random.nextInt(5) == 0) {
                units = BigInteger.valueOf(random.nextInt(3));
            }
            BigDecimal figure = new BigDecimal(random.nextBoolean() ? units : units.negate(), 2);
            String id = "c" + random.nextInt(500) + (random.nextBoolean() ? "-x" : ".Y_" + random.nextInt(9));
            entries.add(new Entry(figure, id, RankKeys.sortKey(figure, USD, id)));
        }
        List<Entry> byFigure = entries.stream()
                .sorted(Comparator.comparing(Entry::figure).thenComparing(Entry::customerId)).toList();
        List<Entry> byKey = entries.stream().sorted(Comparator.comparing(Entry::key)).toList();
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(byFigure.get(i).figure().compareTo(byKey.get(i).figure()), 0, "position " + i);
            assertEquals(byFigure.get(i).customerId(), byKey.get(i).customerId(), "position " + i);
        }
        for (Entry entry : entries) {
            assertTrue(RankKeys.isSortKey(entry.key()), entry.key());
            assertEquals(entry.customerId(), RankKeys.customerIdOf(entry.key()));
        }
    }

    @Test
    void theDocumentedExamples() {
        assertEquals("10554000#c-1001", RankKeys.sortKey(new BigDecimal("540.00"), USD, "c-1001"));
        assertEquals("0953499#c-7", RankKeys.sortKey(new BigDecimal("-65.00"), USD, "c-7"));
        assertEquals("1010#c-3", RankKeys.sortKey(BigDecimal.ZERO, USD, "c-3"));
        // rounded to the minor unit as the API shows it; a currency without one
        assertEquals("103100#c", RankKeys.sortKey(new BigDecimal("0.995"), USD, "c"));
        assertEquals("1041000#c", RankKeys.sortKey(new BigDecimal("999.6"), Currency.getInstance("JPY"), "c"));
    }

    @Test
    void onlyKeysThisClassWritesPassTheCheck() {
        for (String bad : List.of("", "#c", "1010", "10540#", "10354000#c", "105054000#c", "1020#c", "2010#c", "0999#c",
                "0989#c", "1010#c d", "1010#" + "x".repeat(129), "1010#c#d", "x1010#c", "1a10#c")) {
            assertFalse(RankKeys.isSortKey(bad), bad);
        }
        assertTrue(RankKeys.isSortKey("0980#c")); // −9 (complement digit 0)
        assertThrows(IllegalArgumentException.class, () -> RankKeys.sortKey(new BigDecimal("1e100"), USD, "c"));
    }

    @Test
    void shardsAreStableAndSpread() {
        int[] counts = new int[RankKeys.SHARDS];
        for (int i = 0; i < 8000; i++) {
            counts[Integer.parseInt(RankKeys.shardOf("customer-" + i))]++;
        }
        for (int count : counts) {
            assertTrue(count > 800 && count < 1200, java.util.Arrays.toString(counts));
        }
        assertEquals(RankKeys.shard(Math.floorMod("c-1001".hashCode(), RankKeys.SHARDS)), RankKeys.shardOf("c-1001"));
    }
}
