package dev.ltv.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.local.stream.DiscardedBatch;
import dev.ltv.local.testhandlers.RecordingStreamHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream poller against DynamoDB Local, with the test template's mapping: BatchSize 5, a 1 s batching
 * window, ReportBatchItemFailures, MaximumRetryAttempts 2, no bisection. Each test uses its own customer
 * and looks only at the batches holding that customer's records.
 */
class StreamPollerIT {

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(TestStacks.options());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void succeedAgain() {
        stack.awaitStreamDrained(DRAIN);
        RecordingStreamHandler.BEHAVIOUR.set(batch -> new StreamsEventResponse(List.of()));
    }

    @Test
    void recordsArriveInWriteOrderInBatchesOfAtMostBatchSize() {
        List<String> written = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("p%02d", i)).toList();
        written.forEach(id -> put("order", id, "10"));
        stack.awaitStreamDrained(DRAIN);

        List<List<DynamodbStreamRecord>> batches = deliveriesOf("order");
        assertEquals(written, purchaseIds(batches.stream().flatMap(List::stream).toList()));
        batches.forEach(batch -> assertTrue(batch.size() <= 5, "batch of " + batch.size()));
        assertEquals(5, batches.get(0).size(), "the batching window lets a full batch gather");

        DynamodbStreamRecord first = batches.get(0).get(0);
        String streamArn = stack.dynamo().describeTable(r -> r.tableName("PurchasesTable")).table().latestStreamArn();
        assertEquals("INSERT", first.getEventName());
        assertEquals("aws:dynamodb", first.getEventSource());
        assertEquals(streamArn, first.getEventSourceARN());
        assertEquals("us-east-1", first.getAwsRegion());
        assertEquals("NEW_AND_OLD_IMAGES", first.getDynamodb().getStreamViewType());
        assertEquals("order", first.getDynamodb().getKeys().get("customerId").getS());
        assertEquals("p01", first.getDynamodb().getKeys().get("purchaseId").getS());
        assertEquals("10", first.getDynamodb().getNewImage().get("amount").getN());
        assertNull(first.getDynamodb().getOldImage(), "an INSERT has no old image");
        assertNotNull(first.getDynamodb().getApproximateCreationDateTime());
        assertTrue(first.getDynamodb().getSizeBytes() > 0);
        assertNotNull(first.getEventID());
    }

    @Test
    void modifyAndRemoveCarryTheImagesAwsWouldSend() {
        put("images", "p1", "10");
        put("images", "p1", "20");
        stack.dynamo().deleteItem(r -> r.tableName("PurchasesTable").key(key("images", "p1")));
        stack.awaitStreamDrained(DRAIN);

        List<DynamodbStreamRecord> records = deliveriesOf("images").stream().flatMap(List::stream).toList();
        assertEquals(List.of("INSERT", "MODIFY", "REMOVE"), records.stream().map(DynamodbStreamRecord::getEventName).toList());
        DynamodbStreamRecord modify = records.get(1);
        assertEquals("10", modify.getDynamodb().getOldImage().get("amount").getN());
        assertEquals("20", modify.getDynamodb().getNewImage().get("amount").getN());
        DynamodbStreamRecord remove = records.get(2);
        assertEquals("20", remove.getDynamodb().getOldImage().get("amount").getN());
        assertNull(remove.getDynamodb().getNewImage(), "a REMOVE has no new image");
    }

    @Test
    void partialFailureRedeliversFromTheLowestFailedRecordOnly() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        RecordingStreamHandler.BEHAVIOUR.set(batch -> {
            if (customers(batch).contains("partial") && failedOnce.compareAndSet(false, true)) {
                // two failures reported out of order: Lambda checkpoints at the lowest sequence number
                return new StreamsEventResponse(List.of(failure(batch, "p4"), failure(batch, "p3")));
            }
            return new StreamsEventResponse(List.of());
        });
        List.of("p1", "p2", "p3", "p4", "p5").forEach(id -> put("partial", id, "1"));
        stack.awaitStreamDrained(DRAIN);

        List<List<String>> deliveries = deliveriesOf("partial").stream().map(StreamPollerIT::purchaseIds).toList();
        assertEquals(List.of(List.of("p1", "p2", "p3", "p4", "p5"), List.of("p3", "p4", "p5")), deliveries);
    }

    @Test
    void thrownExceptionRetriesTheSameWholeBatch() {
        AtomicBoolean thrown = new AtomicBoolean();
        RecordingStreamHandler.BEHAVIOUR.set(batch -> {
            if (customers(batch).contains("thrown") && thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("a transient failure");
            }
            return new StreamsEventResponse(List.of());
        });
        List.of("p1", "p2", "p3").forEach(id -> put("thrown", id, "1"));
        stack.awaitStreamDrained(DRAIN);

        List<List<DynamodbStreamRecord>> deliveries = deliveriesOf("thrown");
        assertEquals(2, deliveries.size());
        assertEquals(List.of("p1", "p2", "p3"), purchaseIds(deliveries.get(0)));
        assertEquals(eventIds(deliveries.get(0)), eventIds(deliveries.get(1)), "the very same records again");
    }

    @Test
    void batchIsDiscardedAfterMaximumRetryAttemptsAndTheStreamMovesOn() {
        RecordingStreamHandler.BEHAVIOUR.set(batch -> {
            if (customers(batch).contains("poison")) {
                throw new IllegalStateException("never works");
            }
            return new StreamsEventResponse(List.of());
        });
        int discardedBefore = stack.discardedBatches().size();
        List.of("p1", "p2").forEach(id -> put("poison", id, "1"));
        stack.awaitStreamDrained(DRAIN);
        put("after-poison", "p1", "1");
        stack.awaitStreamDrained(DRAIN);

        List<List<DynamodbStreamRecord>> deliveries = deliveriesOf("poison");
        assertEquals(3, deliveries.size(), "first attempt + MaximumRetryAttempts 2");
        deliveries.forEach(batch -> assertEquals(List.of("p1", "p2"), purchaseIds(batch)));
        List<DiscardedBatch> discarded = stack.discardedBatches().subList(discardedBefore, stack.discardedBatches().size());
        assertEquals(1, discarded.size());
        assertEquals(2, discarded.get(0).batchSize());
        assertEquals(3, discarded.get(0).attempts());
        assertEquals(deliveries.get(0).get(0).getDynamodb().getSequenceNumber(), discarded.get(0).startSequenceNumber());
        assertEquals(deliveries.get(0).get(1).getDynamodb().getSequenceNumber(), discarded.get(0).endSequenceNumber());
        assertEquals(1, deliveriesOf("after-poison").size(), "later records are still delivered");
    }

    @Test
    void handlerGetsALoggingStandInForItsPoisonRecordSink() {
        assertNotNull(RecordingStreamHandler.SINK.get());
        RecordingStreamHandler.SINK.get().send("c-1", "test: only logged locally");
        assertTrue(RecordingStreamHandler.SINK.get().toString().contains("TestPoisonSink"));
    }

    private static void put(String customerId, String purchaseId, String amount) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(customerId, purchaseId));
        item.put("amount", AttributeValue.fromN(amount));
        stack.dynamo().putItem(r -> r.tableName("PurchasesTable").item(item));
    }

    private static Map<String, AttributeValue> key(String customerId, String purchaseId) {
        return Map.of("customerId", AttributeValue.fromS(customerId), "purchaseId", AttributeValue.fromS(purchaseId));
    }

    private static StreamsEventResponse.BatchItemFailure failure(List<DynamodbStreamRecord> batch, String purchaseId) {
        DynamodbStreamRecord record = batch.stream()
                .filter(r -> r.getDynamodb().getKeys().get("purchaseId").getS().equals(purchaseId)).findFirst().orElseThrow();
        return new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber());
    }

    private static List<List<DynamodbStreamRecord>> deliveriesOf(String customerId) {
        List<List<DynamodbStreamRecord>> result = new ArrayList<>();
        synchronized (RecordingStreamHandler.DELIVERIES) {
            for (List<DynamodbStreamRecord> batch : RecordingStreamHandler.DELIVERIES) {
                List<DynamodbStreamRecord> mine = batch.stream()
                        .filter(r -> r.getDynamodb().getKeys().get("customerId").getS().equals(customerId)).toList();
                if (!mine.isEmpty()) {
                    result.add(mine);
                }
            }
        }
        return result;
    }

    private static Set<String> customers(List<DynamodbStreamRecord> batch) {
        Set<String> customers = new HashSet<>();
        batch.forEach(r -> customers.add(r.getDynamodb().getKeys().get("customerId").getS()));
        return customers;
    }

    private static List<String> purchaseIds(List<DynamodbStreamRecord> records) {
        return records.stream().map(r -> r.getDynamodb().getKeys().get("purchaseId").getS()).toList();
    }

    private static List<String> eventIds(List<DynamodbStreamRecord> records) {
        return records.stream().map(DynamodbStreamRecord::getEventID).toList();
    }
}
