package dev.ltv.segment.store;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.List;
import java.util.Map;

/**
 * Publishes the segment changes a committed transaction wrote to the customer's outbox, then deletes the outbox
 * item. Events are published only after their transaction committed (never for a change that did not happen), and
 * at least once: if the function dies or the sink fails in between, the outbox item stays, and the next delivery
 * of the batch (its records found applied) publishes what is still there with the same event ids.
 */
public final class SegmentOutbox {

    private final DynamoDbClient dynamo;
    private final String table;
    private final SegmentEventSink sink;

    public SegmentOutbox(DynamoDbClient dynamo, String table, SegmentEventSink sink) {
        this.dynamo = dynamo;
        this.table = table;
        this.sink = sink;
    }

    public boolean enabled() {
        return sink.enabled();
    }

    /** After the commit of a transaction that carried {@code planned}. */
    public void publishCommitted(SegmentWrites.Planned planned) {
        if (planned.outboxKey() == null) {
            return;
        }
        sink.publish(planned.events());
        dynamo.deleteItem(request -> request.tableName(table).key(planned.outboxKey()));
    }

    /** Publishes and deletes whatever a customer's outbox still holds; returns how many events. */
    public int republish(String customerId) {
        if (!sink.enabled()) {
            return 0;
        }
        int published = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(request -> request.tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :outbox)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.customer(customerId)),
                            ":outbox", AttributeValue.fromS(SegmentWrites.OUTBOX_PREFIX)))
                    .consistentRead(true)
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : page.items()) {
                List<SegmentChange> events = item.get(SegmentWrites.EVENTS).l().stream()
                        .map(SegmentWrites::eventFrom).toList();
                sink.publish(events);
                dynamo.deleteItem(request -> request.tableName(table)
                        .key(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))));
                published += events.size();
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return published;
    }
}
