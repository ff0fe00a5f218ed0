package dev.ltv.local.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.util.List;

/** How an invocation with a batch went, as the event source mapping judges it. */
public sealed interface BatchOutcome {

    /** Every record is done. */
    record Success() implements BatchOutcome {
    }

    /** Records before {@code firstFailedIndex} are done; that one and the rest are retried. */
    record PartialFailure(int firstFailedIndex) implements BatchOutcome {
    }

    /** The whole batch failed (the function threw, or reported failures Lambda cannot use). */
    record Failure(String reason) implements BatchOutcome {
    }

    /**
     * Reads a handler's response the way Lambda does. Without ReportBatchItemFailures the response is
     * ignored. With it: no failures is success; otherwise the lowest failed sequence number is the
     * checkpoint; an item identifier that is blank or not in the batch fails the whole batch.
     */
    static BatchOutcome of(Object response, List<DynamodbEvent.DynamodbStreamRecord> batch, boolean reportBatchItemFailures) {
        if (!reportBatchItemFailures || !(response instanceof StreamsEventResponse streamsResponse)
                || streamsResponse.getBatchItemFailures() == null || streamsResponse.getBatchItemFailures().isEmpty()) {
            return new Success();
        }
        int lowest = Integer.MAX_VALUE;
        for (StreamsEventResponse.BatchItemFailure failure : streamsResponse.getBatchItemFailures()) {
            String id = failure == null ? null : failure.getItemIdentifier();
            int index = indexOf(batch, id);
            if (index < 0) {
                return new Failure("batchItemFailures names " + (id == null || id.isBlank() ? "no record" : "record " + id
                        + ", not in the batch"));
            }
            lowest = Math.min(lowest, index);
        }
        return new PartialFailure(lowest);
    }

    private static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> batch, String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            return -1;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (sequenceNumber.equals(batch.get(i).getDynamodb().getSequenceNumber())) {
                return i;
            }
        }
        return -1;
    }
}
