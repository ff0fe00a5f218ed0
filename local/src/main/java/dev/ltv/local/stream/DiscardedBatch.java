package dev.ltv.local.stream;

import java.time.Instant;

/**
 * A batch given up after its retries: on AWS its description goes to the mapping's on-failure destination
 * (an SQS queue); locally it is logged and kept here. The fields follow that message's DDBStreamBatchInfo.
 *
 * @param functionName           the function that failed
 * @param streamArn              the stream
 * @param shardId                the shard
 * @param startSequenceNumber    first record of the discarded batch
 * @param endSequenceNumber      last record of the discarded batch
 * @param batchSize              number of records discarded
 * @param attempts               invocations made with these records
 * @param condition              why: RetryAttemptsExhausted
 * @param lastError              the last error, as text
 * @param discardedAt            when
 */
public record DiscardedBatch(
        String functionName,
        String streamArn,
        String shardId,
        String startSequenceNumber,
        String endSequenceNumber,
        int batchSize,
        int attempts,
        String condition,
        String lastError,
        Instant discardedAt) {
}
