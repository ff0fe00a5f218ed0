package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ltv.api.Json;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sends unusable records, with the reason, to the same SQS queue the event source mapping uses on failure. */
final class SqsPoisonSink implements PoisonRecordSink {

    private final SqsClient sqs;
    private final String queueUrl;

    SqsPoisonSink(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    static SqsPoisonSink create(String queueUrl) {
        return new SqsPoisonSink(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), queueUrl);
    }

    @Override
    public void divert(DynamodbStreamRecord record, String reason) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("reason", reason);
        message.put("eventID", record.getEventID());
        message.put("eventName", record.getEventName());
        message.put("eventSourceARN", record.getEventSourceARN());
        message.put("sequenceNumber", record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber());
        message.put("record", record);
        // a failure here propagates: the record is then reported as failed rather than lost
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(Json.write(message)));
    }
}
