package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.dynamodblocal.StreamEvents;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Delivers stream records the way Lambda may, and worse: cross-item order shuffled (per-item order kept,
 * as a shard keeps it), random batch sizes, records duplicated inside a batch, successful batches replayed
 * whole, failed batches retried from the reported checkpoint, replayed whole, or bisected — until every
 * record has been acknowledged. Old batches are replayed again at the end.
 */
final class ChaoticStreamDelivery {

    private final RecalculateLtvHandler handler;
    private final Random random;
    private final List<List<DynamodbStreamRecord>> delivered = new ArrayList<>();
    int invocations;
    int reportedFailures;
    int crashes;

    ChaoticStreamDelivery(RecalculateLtvHandler handler, Random random) {
        this.handler = handler;
        this.random = random;
    }

    void deliver(List<DynamodbStreamRecord> records) {
        List<DynamodbStreamRecord> order = interleave(records);
        int position = 0;
        while (position < order.size()) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 10 : 100);
            List<DynamodbStreamRecord> batch = order.subList(position, Math.min(order.size(), position + size));
            untilAcknowledged(batch, 0);
            delivered.add(batch);
            if (random.nextInt(10) == 0) {
                untilAcknowledged(batch, 0); // at-least-once: the same batch again
            }
            position += size;
        }
    }

    /** Replays some earlier batches once more, after later changes to the same items were applied. */
    void replayOldBatches(int count) {
        for (int i = 0; i < count && !delivered.isEmpty(); i++) {
            untilAcknowledged(delivered.get(random.nextInt(delivered.size())), 0);
        }
    }

    private void untilAcknowledged(List<DynamodbStreamRecord> batch, int depth) {
        if (batch.isEmpty()) {
            return;
        }
        if (depth > 200) {
            throw new IllegalStateException("a batch was never acknowledged after 200 retries");
        }
        List<DynamodbStreamRecord> withDuplicates = new ArrayList<>();
        for (DynamodbStreamRecord record : batch) {
            withDuplicates.add(record);
            if (random.nextInt(20) == 0) {
                withDuplicates.add(record);
            }
        }
        invocations++;
        StreamsEventResponse response;
        try {
            response = handler.handleRequest(StreamEvents.event(withDuplicates), null);
        } catch (FaultInjectingDynamoDb.SimulatedCrash crash) {
            // a function error: Lambda retries the whole batch, or bisects it
            crashes++;
            if (random.nextBoolean() || batch.size() == 1) {
                untilAcknowledged(batch, depth + 1);
            } else {
                int middle = batch.size() / 2;
                untilAcknowledged(batch.subList(0, middle), depth + 1);
                untilAcknowledged(batch.subList(middle, batch.size()), depth + 1);
            }
            return;
        }
        if (response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return;
        }
        reportedFailures++;
        String checkpoint = response.getBatchItemFailures().get(0).getItemIdentifier();
        int index = indexOf(batch, checkpoint);
        switch (random.nextInt(3)) {
            case 0 -> untilAcknowledged(batch.subList(index, batch.size()), depth + 1); // resume at the checkpoint
            case 1 -> untilAcknowledged(batch, depth + 1); // whole batch again
            default -> { // bisect
                int middle = Math.max(1, batch.size() / 2);
                untilAcknowledged(batch.subList(0, middle), depth + 1);
                untilAcknowledged(batch.subList(middle, batch.size()), depth + 1);
            }
        }
    }

    private static int indexOf(List<DynamodbStreamRecord> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (sequenceNumber.equals(batch.get(i).getDynamodb().getSequenceNumber())) {
                return i;
            }
        }
        throw new IllegalStateException("the handler reported " + sequenceNumber + ", which is not in the batch");
    }

    /** A random interleaving that keeps each item's records in their stream order. */
    private List<DynamodbStreamRecord> interleave(List<DynamodbStreamRecord> records) {
        Map<String, Deque<DynamodbStreamRecord>> byItem = new LinkedHashMap<>();
        for (DynamodbStreamRecord record : records) {
            String key = record.getDynamodb().getKeys().get("customerId").getS() + "/"
                    + record.getDynamodb().getKeys().get("purchaseId").getS();
            byItem.computeIfAbsent(key, k -> new ArrayDeque<>()).add(record);
        }
        List<Deque<DynamodbStreamRecord>> queues = new ArrayList<>(byItem.values());
        List<DynamodbStreamRecord> order = new ArrayList<>(records.size());
        while (!queues.isEmpty()) {
            int pick = random.nextInt(queues.size());
            order.add(queues.get(pick).poll());
            if (queues.get(pick).isEmpty()) {
                queues.set(pick, queues.get(queues.size() - 1));
                queues.remove(queues.size() - 1);
            }
        }
        return order;
    }
}
