package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;

/**
 * Where records that can never be applied go, so that they do not hold up the rest of their shard.
 * Implementations must either keep the record or throw: a record is never dropped silently.
 */
public interface PoisonRecordSink {

    void divert(DynamodbStreamRecord record, String reason);

    /** Without a dead-letter queue the record is reported as failed; Lambda's retry policy then decides. */
    PoisonRecordSink REPORT_AS_FAILURE = (record, reason) -> {
        throw new IllegalStateException("unusable record " + record.getEventID() + " (" + reason + ") and no DEAD_LETTER_QUEUE_URL");
    };
}
