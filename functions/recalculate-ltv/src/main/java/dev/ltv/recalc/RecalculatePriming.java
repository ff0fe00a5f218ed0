package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.ltv.config.LtvConfig;
import dev.ltv.snapstart.PrimingServer;
import dev.ltv.snapstart.SampleData;
import dev.ltv.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Map;

/**
 * A stream batch on made-up data before a SnapStart snapshot: a new purchase of a known customer, through the
 * record parser, the state and day reads, the prediction under a fitted model and the exactly-once transaction.
 * A handler of its own, over the real client type talking to a stand-in DynamoDB on the loopback interface
 * ({@link PrimingServer}; every write succeeds); records it could not use are reported as failures, never sent to
 * the dead-letter queue.
 */
final class RecalculatePriming {

    private RecalculatePriming() {
    }

    /** Runs one batch; returns the handler's answer (no failed record when the path works). */
    static StreamsEventResponse prime(LtvConfig config) {
        PrimingServer.Answers answers = (operation, request) -> switch (operation) {
            case "GetItem" -> SampleData.getItem(request.contains("MODEL#") ? SampleData.MODEL_ITEM : SampleData.STATE_ITEM);
            case "BatchGetItem" -> SampleData.batchGet(config.ltvTable(), SampleData.DAY_ITEM);
            case "Query" -> "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}";
            default -> "{}";
        };
        try (PrimingServer standIn = PrimingServer.start(answers);
             DynamoDbClient dynamo = DynamoDbClients.forPriming(config, standIn.endpoint())) {
            return new RecalculateLtvHandler(config, dynamo).handleRequest(batch(config.baseCurrency().getCurrencyCode()), null);
        }
    }

    private static DynamodbEvent batch(String currency) {
        Map<String, AttributeValue> image = Map.of(
                "customerId", new AttributeValue().withS(SampleData.CUSTOMER_ID),
                "purchaseId", new AttributeValue().withS("priming-4"),
                "kind", new AttributeValue().withS("PURCHASE"),
                "amount", new AttributeValue().withN("12.50"),
                "currency", new AttributeValue().withS(currency),
                "purchasedAt", new AttributeValue().withS("2026-07-05T10:00:00Z"),
                "day", new AttributeValue().withS("2026-07-05"),
                "refundedAmount", new AttributeValue().withN("0"));
        StreamRecord stream = new StreamRecord();
        stream.setKeys(Map.of("customerId", image.get("customerId"), "purchaseId", image.get("purchaseId")));
        stream.setNewImage(image);
        stream.setSequenceNumber("100000000000000000001");
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("priming-event-1");
        record.setEventName("INSERT");
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(stream);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
