package dev.ltv.dynamodblocal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns stream records read with the SDK into the {@link DynamodbEvent} that Lambda's event source
 * mapping hands to a function, field for field.
 */
public final class StreamEvents {

    private StreamEvents() {
    }

    public static DynamodbEvent event(List<DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    public static DynamodbStreamRecord toLambdaRecord(Record record, String streamArn, String region) {
        DynamodbStreamRecord converted = new DynamodbStreamRecord();
        converted.setEventID(record.eventID());
        converted.setEventName(record.eventNameAsString());
        converted.setEventVersion(record.eventVersion() == null ? "1.1" : record.eventVersion());
        converted.setEventSource("aws:dynamodb");
        converted.setAwsRegion(region);
        converted.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            // TTL deletions carry the service as the identity; handlers may tell them from user deletions
            converted.setUserIdentity(new com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity()
                    .withPrincipalId(record.userIdentity().principalId()).withType(record.userIdentity().type()));
        }
        var source = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        stream.setKeys(source.hasKeys() ? image(source.keys()) : null);
        // DynamoDB Local sends empty images where DynamoDB sends none (INSERT has no old image, REMOVE no new one)
        stream.setNewImage(source.hasNewImage() && !source.newImage().isEmpty() ? image(source.newImage()) : null);
        stream.setOldImage(source.hasOldImage() && !source.oldImage().isEmpty() ? image(source.oldImage()) : null);
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        if (source.streamViewTypeAsString() != null) {
            stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(source.streamViewTypeAsString()));
        }
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        converted.setDynamodb(stream);
        return converted;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted = new LinkedHashMap<>();
        item.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue value) {
        var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(true);
            case B -> converted.setB(value.b().asByteBuffer());
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            case BS -> converted.setBS(value.bs().stream().map(bytes -> bytes.asByteBuffer()).toList());
            case M -> converted.setM(image(value.m()));
            case L -> converted.setL(value.l().stream().map(StreamEvents::value).toList());
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        }
        return converted;
    }
}
