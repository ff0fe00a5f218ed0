package dev.ltv.state;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Purchases per channel: sorted, without zero counts, immutable. */
final class ChannelCounts {

    private ChannelCounts() {
    }

    static SortedMap<String, Long> normalised(Map<String, Long> counts) {
        TreeMap<String, Long> result = new TreeMap<>();
        if (counts != null) {
            counts.forEach((channel, count) -> {
                if (count != null && count != 0) {
                    result.put(channel, count);
                }
            });
        }
        return Collections.unmodifiableSortedMap(result);
    }

    static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        TreeMap<String, Long> result = new TreeMap<>(a);
        b.forEach((channel, count) -> result.merge(channel, count, Long::sum));
        return result;
    }

    static Map<String, Long> negated(Map<String, Long> counts) {
        TreeMap<String, Long> result = new TreeMap<>();
        counts.forEach((channel, count) -> result.put(channel, -count));
        return result;
    }
}
