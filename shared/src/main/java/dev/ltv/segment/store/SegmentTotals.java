package dev.ltv.segment.store;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-segment sums over the stored memberships, read from the {@value Keys#COMPANY_SHARDS} shard items in one
 * {@code BatchGetItem} (never a scan of the customers).
 */
public final class SegmentTotals {

    /** One segment's sums. */
    public record Figures(long customers, BigDecimal revenue, BigDecimal ltvSum, BigDecimal clvSum, long clvCustomers) {

        public static final Figures EMPTY = new Figures(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);

        Figures plus(Figures other) {
            return new Figures(customers + other.customers, revenue.add(other.revenue), ltvSum.add(other.ltvSum),
                    clvSum.add(other.clvSum), clvCustomers + other.clvCustomers);
        }
    }

    private SegmentTotals() {
    }

    /** Every segment id with a shard attribute, with its sums over all shards (ids sorted). */
    public static Map<String, Figures> read(DynamoDbClient dynamo, String table, boolean consistent) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < Keys.COMPANY_SHARDS; shard++) {
            keys.add(SegmentWrites.totalsKey(shard));
        }
        Map<String, Figures> totals = new TreeMap<>();
        List<Map<String, AttributeValue>> pending = keys;
        int rounds = 0;
        while (!pending.isEmpty()) {
            KeysAndAttributes request = KeysAndAttributes.builder().keys(pending).consistentRead(consistent).build();
            BatchGetItemResponse response = dynamo.batchGetItem(builder -> builder.requestItems(Map.of(table, request)));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                shardFigures(item).forEach((id, figures) -> totals.merge(id, figures, Figures::plus));
            }
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
            pending = unprocessed == null ? List.of() : unprocessed.keys();
            if (!pending.isEmpty() && ++rounds > 8) {
                throw new IllegalStateException("DynamoDB kept " + pending.size() + " segment shards unprocessed");
            }
        }
        return totals;
    }

    static Map<String, Figures> shardFigures(Map<String, AttributeValue> item) {
        Map<String, Figures> figures = new HashMap<>();
        for (String id : SegmentWrites.NUMBERED) {
            // Any of the figures may be alone in a shard: the recalculation writes several customers' differences
            // to whichever shard their transaction uses, so a customer can enter a segment in one shard and have its
            // revenue move in another.
            boolean present = false;
            for (String figure : List.of(SegmentWrites.CUSTOMERS, SegmentWrites.REVENUE, SegmentWrites.LTV_SUM,
                    SegmentWrites.CLV_SUM, SegmentWrites.CLV_CUSTOMERS)) {
                present |= item.containsKey(SegmentWrites.attribute(figure, id));
            }
            if (!present) {
                continue;
            }
            AttributeValue customers = item.get(SegmentWrites.attribute(SegmentWrites.CUSTOMERS, id));
            figures.put(id, new Figures(whole(customers),
                    number(item.get(SegmentWrites.attribute(SegmentWrites.REVENUE, id))),
                    number(item.get(SegmentWrites.attribute(SegmentWrites.LTV_SUM, id))),
                    number(item.get(SegmentWrites.attribute(SegmentWrites.CLV_SUM, id))),
                    whole(item.get(SegmentWrites.attribute(SegmentWrites.CLV_CUSTOMERS, id)))));
        }
        return figures;
    }

    private static long whole(AttributeValue value) {
        return value == null ? 0 : new BigDecimal(value.n()).longValueExact();
    }

    private static BigDecimal number(AttributeValue value) {
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }
}
