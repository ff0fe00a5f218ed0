package dev.ltv.local.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts DynamoDB Streams records (SDK v2) into the records of a Lambda DynamodbEvent, as the event
 * source mapping delivers them.
 *
 * <p>DynamoDB Local returns an empty map for an image that does not exist (the old image of an INSERT,
 * the new image of a REMOVE); a real image always holds the key attributes, so an empty one is passed as
 * absent, which is what a handler sees on AWS.
 */
public final class StreamRecords {

    static final String EVENT_SOURCE = "aws:dynamodb";

    private StreamRecords() {
    }

    public static DynamodbEvent.DynamodbStreamRecord toLambda(Record record, String streamArn, String region) {
        DynamodbEvent.DynamodbStreamRecord converted = new DynamodbEvent.DynamodbStreamRecord();
        converted.setEventID(record.eventID());
        converted.setEventName(record.eventNameAsString());
        converted.setEventVersion(record.eventVersion() == null ? "1.1" : record.eventVersion());
        converted.setEventSource(EVENT_SOURCE);
        converted.setEventSourceARN(streamArn);
        converted.setAwsRegion(region);
        if (record.userIdentity() != null) {
            converted.setUserIdentity(new Identity().withPrincipalId(record.userIdentity().principalId())
                    .withType(record.userIdentity().type()));
        }
        software.amazon.awssdk.services.dynamodb.model.StreamRecord source = record.dynamodb();
        StreamRecord stream = new StreamRecord();
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        stream.setKeys(source.hasKeys() ? image(source.keys()) : null);
        stream.setNewImage(source.hasNewImage() && !source.newImage().isEmpty() ? image(source.newImage()) : null);
        stream.setOldImage(source.hasOldImage() && !source.oldImage().isEmpty() ? image(source.oldImage()) : null);
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        if (source.streamViewTypeAsString() != null) {
            stream.setStreamViewType(StreamViewType.fromValue(source.streamViewTypeAsString()));
        }
        converted.setDynamodb(stream);
        return converted;
    }

    static Map<String, AttributeValue> image(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        image.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue converted = new AttributeValue();
        if (value.s() != null) {
            converted.setS(value.s());
        } else if (value.n() != null) {
            converted.setN(value.n());
        } else if (value.b() != null) {
            converted.setB(value.b().asByteBuffer());
        } else if (value.bool() != null) {
            converted.setBOOL(value.bool());
        } else if (Boolean.TRUE.equals(value.nul())) {
            converted.setNULL(true);
        } else if (value.hasSs()) {
            converted.setSS(value.ss());
        } else if (value.hasNs()) {
            converted.setNS(value.ns());
        } else if (value.hasBs()) {
            converted.setBS(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
        } else if (value.hasM()) {
            converted.setM(image(value.m()));
        } else if (value.hasL()) {
            List<AttributeValue> list = value.l().stream().map(StreamRecords::value).toList();
            converted.setL(list);
        }
        return converted;
    }
}
