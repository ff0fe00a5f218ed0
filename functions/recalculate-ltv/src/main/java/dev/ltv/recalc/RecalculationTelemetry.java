package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.ltv.observe.InvocationMetrics;
import dev.ltv.observe.StructuredLog;
import dev.ltv.observe.Telemetry;
import dev.ltv.store.PurchaseAttributes;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a stream batch publishes: one log line per record with the ids that tie it to the ingest request that
 * wrote the purchase (customerId, purchaseId) and to this delivery (eventID, sequence number), and one metrics
 * document per batch. Counted from the batch's result, so it does not depend on how the batch was processed.
 */
final class RecalculationTelemetry {

    static final String FUNCTION = "RecalculateLtvFunction";

    private RecalculationTelemetry() {
    }

    static void received(Context context, List<DynamodbStreamRecord> records) {
        for (DynamodbStreamRecord record : records == null ? List.<DynamodbStreamRecord>of() : records) {
            Map<String, AttributeValue> keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
            StructuredLog.info(context, FUNCTION, "stream record", "eventID", record.getEventID(),
                    "eventName", record.getEventName(), "customerId", key(keys, PurchaseAttributes.CUSTOMER_ID),
                    "purchaseId", key(keys, PurchaseAttributes.PURCHASE_ID),
                    "sequenceNumber", record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber());
        }
    }

    /**
     * @param result null when the batch failed as a whole (an exception: Lambda retries all of it)
     */
    static void processed(Context context, List<DynamodbStreamRecord> records, BatchProcessor.Result result, long nanos) {
        List<DynamodbStreamRecord> all = records == null ? List.of() : records;
        InvocationMetrics metrics = Telemetry.begin(context, FUNCTION)
                .count("Records", all.size())
                .count("Customers", customers(all))
                .milliseconds("BatchDuration", nanos / 1_000_000);
        if (result != null) {
            metrics.count("RecordsApplied", result.applied())
                    .count("RecordsAlreadyApplied", result.alreadyApplied())
                    .count("RecordsDiverted", result.diverted())
                    .count("BatchCheckpoints", result.failedSequenceNumber() == null ? 0 : 1)
                    .property("checkpoint", result.failedSequenceNumber());
        }
        Telemetry.publish(metrics.count("BatchErrors", result == null ? 1 : 0));
    }

    private static int customers(List<DynamodbStreamRecord> records) {
        Set<String> ids = new HashSet<>();
        for (DynamodbStreamRecord record : records) {
            String id = record.getDynamodb() == null ? null : key(record.getDynamodb().getKeys(), PurchaseAttributes.CUSTOMER_ID);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids.size();
    }

    private static String key(Map<String, AttributeValue> keys, String name) {
        AttributeValue value = keys == null ? null : keys.get(name);
        return value == null ? null : value.getS();
    }
}
