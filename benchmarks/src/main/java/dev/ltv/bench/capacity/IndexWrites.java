package dev.ltv.bench.capacity;

import dev.ltv.rank.RankKeys;
import dev.ltv.rank.RankOrder;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The writes a change of a customer's state item costs in the ranking indexes, by DynamoDB's rules for global
 * secondary indexes: an item that enters an index is one write, one that leaves it one, one whose index sort key
 * changes two (the old entry deleted, the new one put), one whose key stays but whose projected attributes change
 * one, and an unchanged entry none. Each entry is far below 1 KB, so a write is one write unit.
 */
final class IndexWrites {

    /** The projection of every ranking index in template.yaml (besides the keys). */
    static final List<String> PROJECTED = List.of("customerId", "revenue", "ltv", "predictedClv", "predictedAsOf", "segments");

    private final DynamoDbClient client;
    private final String table;

    IndexWrites(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    Map<String, AttributeValue> stateItem(String customerId) {
        return client.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.customer(customerId)), Keys.SK, AttributeValue.fromS(Keys.STATE)))).item();
    }

    static int between(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        int writes = 0;
        for (RankOrder order : RankOrder.values()) {
            boolean was = inIndex(before, order);
            boolean is = inIndex(after, order);
            if (was && is) {
                boolean keyChanged = !before.get(order.sortKeyAttribute()).equals(after.get(order.sortKeyAttribute()))
                        || !before.get(RankKeys.SHARD).equals(after.get(RankKeys.SHARD));
                if (keyChanged) {
                    writes += 2;
                } else if (PROJECTED.stream().anyMatch(name -> !Objects.equals(before.get(name), after.get(name)))) {
                    writes += 1;
                }
            } else if (was || is) {
                writes += 1;
            }
        }
        return writes;
    }

    private static boolean inIndex(Map<String, AttributeValue> item, RankOrder order) {
        return item != null && item.containsKey(RankKeys.SHARD) && item.containsKey(order.sortKeyAttribute());
    }
}
