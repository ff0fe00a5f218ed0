package dev.ltv.local.template;

/**
 * A function's DynamoDB stream event (the Lambda event source mapping), with the defaults Lambda applies
 * when the template leaves a property out.
 *
 * @param eventName                 the event's name in the template
 * @param tableLogicalId            the table whose stream feeds the function
 * @param batchSize                 BatchSize (default 100)
 * @param maximumBatchingWindowSeconds MaximumBatchingWindowInSeconds (default 0)
 * @param reportBatchItemFailures   FunctionResponseTypes contains ReportBatchItemFailures
 * @param maximumRetryAttempts      MaximumRetryAttempts (-1: until the record expires)
 * @param bisectBatchOnFunctionError BisectBatchOnFunctionError (default false)
 * @param startingPosition          StartingPosition (TRIM_HORIZON or LATEST)
 * @param onFailureDestination      the on-failure destination as written in the template, or empty
 */
public record StreamEventSource(
        String eventName,
        String tableLogicalId,
        int batchSize,
        int maximumBatchingWindowSeconds,
        boolean reportBatchItemFailures,
        int maximumRetryAttempts,
        boolean bisectBatchOnFunctionError,
        String startingPosition,
        String onFailureDestination) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int UNLIMITED_RETRIES = -1;

    public StreamEventSource {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("BatchSize of " + eventName + " must be 1..10000, was " + batchSize);
        }
        if (maximumRetryAttempts < UNLIMITED_RETRIES) {
            throw new IllegalArgumentException("MaximumRetryAttempts of " + eventName + " must be -1 or more");
        }
    }
}
