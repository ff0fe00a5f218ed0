package dev.ltv.state;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The items of one partition whose sort key begins with a prefix (a company shard's channel or cohort sums, a
 * customer's year items), read page after page to the end, their capacity metered.
 */
final class PrefixQuery {

    private PrefixQuery() {
    }

    static void forEach(StateStore store, String pk, String prefix, boolean consistent,
                        Consumer<Map<String, AttributeValue>> action) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = store.dynamo().query(request -> request.tableName(store.table())
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":prefix", AttributeValue.fromS(prefix)))
                    .consistentRead(consistent)
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(store.meter().mode()));
            store.meter().read(page.consumedCapacity());
            page.items().forEach(action);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
