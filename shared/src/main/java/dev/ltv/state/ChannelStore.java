package dev.ltv.state;

import dev.ltv.calc.ChannelTotals;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        SortedMap<String, ChannelTotals> channels = new TreeMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SortedMap<String, ChannelTotals>>> shards = new ArrayList<>();
            for (int shard = 0; shard < Keys.COMPANY_SHARDS; shard++) {
                String pk = Keys.companyShard(shard);
                shards.add(threads.submit(() -> readShard(pk, consistent)));
            }
            for (Future<SortedMap<String, ChannelTotals>> shard : shards) {
                join(shard).forEach((channel, totals) -> channels.merge(channel, totals, ChannelTotals::plus));
            }
        }
        // the sums of a channel whose customers all moved away (or were deleted) stay behind as zeros
        channels.values().removeIf(totals -> totals.customers() == 0 && totals.purchases() == 0 && totals.revenue().signum() == 0);
        return channels;
    }

    private SortedMap<String, ChannelTotals> readShard(String pk, boolean consistent) {
        SortedMap<String, ChannelTotals> channels = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = store.dynamo().query(request -> request.tableName(store.table())
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":prefix", AttributeValue.fromS(ChannelWrites.PREFIX)))
                    .consistentRead(consistent)
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(store.meter().mode()));
            store.meter().read(page.consumedCapacity());
            for (Map<String, AttributeValue> item : page.items()) {
                String channel = item.get(Keys.SK).s().substring(ChannelWrites.PREFIX.length());
                channels.merge(channel, new ChannelTotals(number(item, ChannelWrites.CUSTOMERS).longValueExact(),
                        number(item, ChannelWrites.PURCHASES).longValueExact(), number(item, ChannelWrites.REVENUE),
                        number(item, ChannelWrites.CUSTOMER_VALUE_SUM)), ChannelTotals::plus);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return channels;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // e.g. throttling: the handler turns it into a 503
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the channel sums", e);
        }
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }
}
