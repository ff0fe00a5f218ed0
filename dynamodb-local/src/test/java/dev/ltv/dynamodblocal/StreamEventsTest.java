package dev.ltv.dynamodblocal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamEventsTest {

    private static final String ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/PurchasesTable/stream/2026-01-01T00:00:00.000";

    @Test
    void removeFromDynamoDbLocalHasNoNewImageAndKeepsEveryField() {
        Map<String, AttributeValue> keys = Map.of("customerId", AttributeValue.fromS("c-1"), "purchaseId", AttributeValue.fromS("p-1"));
        Record record = Record.builder()
                .eventID("e-1").eventName("REMOVE").eventVersion("1.1").awsRegion("ddblocal")
                .userIdentity(Identity.builder().principalId("dynamodb.amazonaws.com").type("Service").build())
                .dynamodb(StreamRecord.builder()
                        .approximateCreationDateTime(Instant.parse("2026-03-01T10:15:00Z"))
                        .keys(keys)
                        .oldImage(Map.of("customerId", AttributeValue.fromS("c-1"), "amount", AttributeValue.fromN("12.50")))
                        .newImage(Map.of())
                        .sequenceNumber("000000000000000000042")
                        .sizeBytes(57L)
                        .streamViewType("NEW_AND_OLD_IMAGES")
                        .build())
                .build();

        DynamodbStreamRecord converted = StreamEvents.toLambdaRecord(record, ARN, "us-east-1");

        assertEquals("e-1", converted.getEventID());
        assertEquals("REMOVE", converted.getEventName());
        assertEquals("1.1", converted.getEventVersion());
        assertEquals("aws:dynamodb", converted.getEventSource());
        assertEquals(ARN, converted.getEventSourceARN());
        assertEquals("us-east-1", converted.getAwsRegion());
        assertEquals("Service", converted.getUserIdentity().getType());
        assertEquals(Date.from(Instant.parse("2026-03-01T10:15:00Z")), converted.getDynamodb().getApproximateCreationDateTime());
        assertEquals("p-1", converted.getDynamodb().getKeys().get("purchaseId").getS());
        assertEquals("12.50", converted.getDynamodb().getOldImage().get("amount").getN());
        assertNull(converted.getDynamodb().getNewImage(), "an empty image is no image");
        assertEquals("000000000000000000042", converted.getDynamodb().getSequenceNumber());
        assertEquals(57L, converted.getDynamodb().getSizeBytes());
        assertEquals("NEW_AND_OLD_IMAGES", converted.getDynamodb().getStreamViewType());
    }

    @Test
    void everyAttributeTypeIsConverted() {
        var value = StreamEvents.value(AttributeValue.fromM(Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("1.10"),
                "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})),
                "bool", AttributeValue.fromBool(false),
                "null", AttributeValue.fromNul(true),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {3}))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("7"))),
                "emptyList", AttributeValue.fromL(List.of()))));

        var m = value.getM();
        assertEquals("text", m.get("s").getS());
        assertEquals("1.10", m.get("n").getN());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}), m.get("b").getB());
        assertEquals(false, m.get("bool").getBOOL());
        assertTrue(m.get("null").getNULL());
        assertEquals(List.of("a", "b"), m.get("ss").getSS());
        assertEquals(List.of("1", "2"), m.get("ns").getNS());
        assertEquals(List.of(ByteBuffer.wrap(new byte[] {3})), m.get("bs").getBS());
        assertEquals("x", m.get("l").getL().get(0).getS());
        assertEquals("7", m.get("l").getL().get(1).getN());
        assertEquals(List.of(), m.get("emptyList").getL());
    }
}
