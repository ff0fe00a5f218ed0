package dev.ltv.local.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class BatchOutcomeTest {

    private static final List<DynamodbStreamRecord> BATCH = List.of(record("100"), record("205"), record("311"));

    @Test
    void lowestFailedSequenceNumberIsTheCheckpoint() {
        StreamsEventResponse response = new StreamsEventResponse(List.of(new BatchItemFailure("311"), new BatchItemFailure("205")));
        assertEquals(new BatchOutcome.PartialFailure(1), BatchOutcome.of(response, BATCH, true));
    }

    @Test
    void noFailuresNullOrAnotherTypeIsSuccess() {
        assertEquals(new BatchOutcome.Success(), BatchOutcome.of(new StreamsEventResponse(List.of()), BATCH, true));
        assertEquals(new BatchOutcome.Success(), BatchOutcome.of(new StreamsEventResponse(), BATCH, true));
        assertEquals(new BatchOutcome.Success(), BatchOutcome.of(null, BATCH, true));
        assertEquals(new BatchOutcome.Success(), BatchOutcome.of("done", BATCH, true));
    }

    @Test
    void failuresAreIgnoredWithoutReportBatchItemFailures() {
        StreamsEventResponse response = new StreamsEventResponse(List.of(new BatchItemFailure("205")));
        assertEquals(new BatchOutcome.Success(), BatchOutcome.of(response, BATCH, false));
    }

    @Test
    void blankOrUnknownIdentifierFailsTheWholeBatch() {
        assertInstanceOf(BatchOutcome.Failure.class,
                BatchOutcome.of(new StreamsEventResponse(List.of(new BatchItemFailure(""))), BATCH, true));
        assertInstanceOf(BatchOutcome.Failure.class,
                BatchOutcome.of(new StreamsEventResponse(List.of(new BatchItemFailure(null))), BATCH, true));
        assertInstanceOf(BatchOutcome.Failure.class,
                BatchOutcome.of(new StreamsEventResponse(List.of(new BatchItemFailure("999"))), BATCH, true));
    }

    private static DynamodbStreamRecord record(String sequenceNumber) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(sequenceNumber);
        record.setDynamodb(stream);
        return record;
    }
}
