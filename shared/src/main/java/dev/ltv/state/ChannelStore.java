package dev.ltv.state;

import dev.ltv.calc.ChannelTotals;
import dev.ltv.store.ConcurrentReads;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Reads the per-channel sums: one {@code Query} per company shard (64), whatever the number of customers. The
 * shards are read concurrently: one after the other, 64 round trips made the route the slowest of the API.
 */
public final class ChannelStore {

    private final StateStore store;

    public ChannelStore(StateStore store) {
        this.store = store;
    }

    /** Every channel with at least one customer, by name. */
    public SortedMap<String, ChannelTotals> readChannels(boolean consistent) {
        List<Callable<SortedMap<String, ChannelTotals>>> shards = new ArrayList<>();
        for (int shard = 0; shard < Keys.COMPANY_SHARDS; shard++) {
            String pk = Keys.companyShard(shard);
            shards.add(() -> readShard(pk, consistent));
        }
        SortedMap<String, ChannelTotals> channels = new TreeMap<>();
        for (SortedMap<String, ChannelTotals> shard : ConcurrentReads.all(shards, "the channel sums")) {
            shard.forEach((channel, totals) -> channels.merge(channel, totals, ChannelTotals::plus));
        }
        // the sums of a channel whose customers all moved away (or were deleted) stay behind as zeros
        channels.values().removeIf(totals -> totals.customers() == 0 && totals.purchases() == 0 && totals.revenue().signum() == 0);
        return channels;
    }

    private SortedMap<String, ChannelTotals> readShard(String pk, boolean consistent) {
        SortedMap<String, ChannelTotals> channels = new TreeMap<>();
        PrefixQuery.forEach(store, pk, ChannelWrites.PREFIX, consistent, item -> {
            String channel = item.get(Keys.SK).s().substring(ChannelWrites.PREFIX.length());
            channels.merge(channel, new ChannelTotals(number(item, ChannelWrites.CUSTOMERS).longValueExact(),
                    number(item, ChannelWrites.PURCHASES).longValueExact(), number(item, ChannelWrites.REVENUE),
                    number(item, ChannelWrites.CUSTOMER_VALUE_SUM)), ChannelTotals::plus);
        });
        return channels;
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }
}
