package dev.ltv.recalc;

import dev.ltv.rank.RankKeys;
import dev.ltv.rank.RankOrder;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.state.CustomerState;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ranking attributes of stored states, and the ranking indexes themselves, against what a full recomputation
 * of each customer's state gives: the index entries are exactly one per customer with that figure, with its key.
 */
final class RankingIndexCheck {

    private final DynamoDbClient dynamo;
    private final String table;
    private final RankingAttributes rankings;
    private final Map<RankOrder, Map<String, String>> expectedEntries = new HashMap<>();

    RankingIndexCheck(DynamoDbClient dynamo, String table, RankingAttributes rankings) {
        this.dynamo = dynamo;
        this.table = table;
        this.rankings = rankings;
        for (RankOrder order : RankOrder.values()) {
            expectedEntries.put(order, new TreeMap<>());
        }
    }

    /** Checks one customer's stored item against its recomputed state (null: no state) and remembers its entries. */
    void customer(String customerId, CustomerState recomputed) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, AttributeValue.fromS(Keys.customer(customerId)), Keys.SK, AttributeValue.fromS(Keys.STATE)))).item();
        if (recomputed == null) {
            return;
        }
        AttributeValue clv = item.get(RankingAttributes.PREDICTED_CLV);
        Map<String, AttributeValue> expected = rankings.of(recomputed, clv == null ? null : new BigDecimal(clv.n()));
        for (String name : new String[]{RankKeys.SHARD, RankOrder.LTV.sortKeyAttribute(),
                RankOrder.PREDICTED_CLV.sortKeyAttribute(), RankOrder.REVENUE.sortKeyAttribute()}) {
            assertEquals(expected.get(name), item.get(name), customerId + ": ranking attribute " + name);
        }
        // DynamoDB stores numbers normalised (3635.00 comes back as 3635)
        assertEquals(0, new BigDecimal(expected.get(RankingAttributes.LTV).n()).compareTo(new BigDecimal(item.get(RankingAttributes.LTV).n())),
                customerId + ": ltv " + item.get(RankingAttributes.LTV) + " but a full recomputation gives " + expected.get(RankingAttributes.LTV));
        for (RankOrder order : RankOrder.values()) {
            AttributeValue key = expected.get(order.sortKeyAttribute());
            if (key != null) {
                expectedEntries.get(order).put(customerId, key.s());
            }
        }
    }

    /** Every index holds exactly the entries of the customers checked, and nobody else. */
    void indexes() {
        for (RankOrder order : RankOrder.values()) {
            Map<String, String> stored = new TreeMap<>();
            for (int shard = 0; shard < RankKeys.SHARDS; shard++) {
                String shardKey = RankKeys.shard(shard);
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(order.indexName())
                            .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", RankKeys.SHARD))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shardKey))).exclusiveStartKey(from));
                    for (Map<String, AttributeValue> entry : page.items()) {
                        String id = entry.get("customerId").s();
                        assertEquals(RankKeys.shardOf(id), shardKey, id + " in the wrong shard");
                        stored.put(id, entry.get(order.sortKeyAttribute()).s());
                    }
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (start != null);
            }
            assertEquals(expectedEntries.get(order), stored, "index " + order.indexName());
        }
    }
}
