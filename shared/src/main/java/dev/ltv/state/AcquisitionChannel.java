package dev.ltv.state;

import dev.ltv.purchase.Purchase;

import java.util.Map;

/**
 * A customer's acquisition channel: the {@code channel} of their first purchase. Purchases are kept per business
 * day, so "first" is the first purchase day; when that day's purchases came through several channels, the
 * alphabetically first channel among them wins, and a purchase without a channel counts as {@link #UNKNOWN},
 * which is chosen only when no purchase of that day names a channel. The rule depends on the day's channel
 * counts only, so it follows corrections and deletions exactly, in any order.
 */
public final class AcquisitionChannel {

    public static final String UNKNOWN = "unknown";

    private AcquisitionChannel() {
    }

    /** The channel a purchase counts under on its day. */
    public static String of(Purchase purchase) {
        return purchase.channel() == null ? UNKNOWN : purchase.channel();
    }

    /** The acquisition channel given the first purchase day's purchases per channel. */
    public static String fromFirstDay(Map<String, Long> channels) {
        for (Map.Entry<String, Long> entry : new java.util.TreeMap<>(channels).entrySet()) {
            if (entry.getValue() > 0 && !entry.getKey().equals(UNKNOWN)) {
                return entry.getKey();
            }
        }
        return UNKNOWN;
    }
}
