package dev.ltv.local.stream;

import dev.ltv.local.template.StreamEventSource;

import java.util.List;

/**
 * What the event source mapping does after a batch: nothing on success; on a partial failure retry from
 * the first failed record; on a failure retry the batch, split in two halves first when
 * BisectBatchOnFunctionError is set. Records that have been retried MaximumRetryAttempts times are
 * discarded (sent to the on-failure destination).
 *
 * <p>The count is per record, carried into the halves of a split batch, so no record is ever delivered
 * more than 1 + MaximumRetryAttempts times.
 *
 * @param maximumRetryAttempts -1 for no limit
 * @param bisectOnError        BisectBatchOnFunctionError
 */
public record RetryPolicy(int maximumRetryAttempts, boolean bisectOnError) {

    /**
     * A batch of records with the number of invocations made with them so far.
     *
     * @param <R> the record type
     */
    public record Attempt<R>(List<R> records, int failures) {

        public Attempt {
            records = List.copyOf(records);
        }
    }

    /**
     * The plan after an invocation.
     *
     * @param retries   batches to invoke next, in order, before any newer record
     * @param discarded records given up, empty when none
     */
    public record Plan<R>(List<Attempt<R>> retries, List<R> discarded) {
    }

    public <R> Plan<R> after(Attempt<R> batch, BatchOutcome outcome) {
        return switch (outcome) {
            case BatchOutcome.Success ignored -> new Plan<>(List.of(), List.of());
            case BatchOutcome.PartialFailure partial -> retryOrDiscard(
                    batch.records().subList(partial.firstFailedIndex(), batch.records().size()), batch.failures() + 1, false);
            case BatchOutcome.Failure ignored -> retryOrDiscard(batch.records(), batch.failures() + 1, bisectOnError);
        };
    }

    private <R> Plan<R> retryOrDiscard(List<R> records, int failures, boolean split) {
        if (maximumRetryAttempts != StreamEventSource.UNLIMITED_RETRIES && failures > maximumRetryAttempts) {
            return new Plan<>(List.of(), List.copyOf(records));
        }
        if (split && records.size() > 1) {
            int half = (records.size() + 1) / 2;
            return new Plan<>(List.of(new Attempt<>(records.subList(0, half), failures),
                    new Attempt<>(records.subList(half, records.size()), failures)), List.of());
        }
        return new Plan<>(List.of(new Attempt<>(records, failures)), List.of());
    }
}
