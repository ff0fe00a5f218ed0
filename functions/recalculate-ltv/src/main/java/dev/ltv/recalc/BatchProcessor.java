package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.api.RequestLog;
import dev.ltv.api.ServiceBusyException;
import dev.ltv.state.RecalculationException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream batch: parse, divert unusable records, group the rest by customer (so several purchases of
 * one customer cost one state update), and apply the groups in the order of their first record.
 *
 * <p>Because groups run in that order, when one fails for a passing reason (throttling, contention, a timeout)
 * every record before its first record has been applied: that record's sequence number is the checkpoint to
 * report, and processing stops there. Records no retry can apply (malformed images, a transaction DynamoDB
 * refuses, a state the changes do not fit) go to the dead-letter queue instead, so that one customer's bad
 * records never hold up everyone else's; {@code ./ltv repair} brings that customer back in line.
 */
final class BatchProcessor {

    /** Time kept for finishing a customer's transaction and reporting the checkpoint before Lambda's timeout. */
    static final long DEADLINE_MARGIN_MILLIS = 20_000;

    private final Recalculator recalculator;
    private final PoisonRecordSink poisonSink;

    BatchProcessor(Recalculator recalculator, PoisonRecordSink poisonSink) {
        this.recalculator = recalculator;
        this.poisonSink = poisonSink;
    }

    record Result(int records, int applied, int alreadyApplied, int diverted, String failedSequenceNumber) {
        StreamsEventResponse toResponse() {
            List<StreamsEventResponse.BatchItemFailure> failures = failedSequenceNumber == null
                    ? List.of()
                    : List.of(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(failedSequenceNumber).build());
            return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
        }
    }

    Result process(List<DynamodbStreamRecord> records, Context context) {
        if (records == null || records.isEmpty()) {
            return new Result(0, 0, 0, 0, null);
        }
        Map<String, List<PurchaseChange>> byCustomer = new LinkedHashMap<>();
        Map<String, List<DynamodbStreamRecord>> recordsByCustomer = new LinkedHashMap<>();
        int diverted = 0;
        String failedAt = null;
        for (DynamodbStreamRecord record : records) {
            StreamRecordParser.Parsed parsed = StreamRecordParser.parse(record);
            if (parsed.problem() != null) {
                if (!divert(List.of(record), parsed.problem(), context)) {
                    failedAt = sequenceNumber(record);
                    break; // the records before it (all the groups) are still applied below; it and what follows are retried
                }
                diverted++;
            }
            if (parsed.change() != null) {
                byCustomer.computeIfAbsent(parsed.change().customerId(), id -> new ArrayList<>()).add(parsed.change());
                recordsByCustomer.computeIfAbsent(parsed.change().customerId(), id -> new ArrayList<>()).add(record);
            }
        }
        int applied = 0;
        int alreadyApplied = 0;
        for (Map.Entry<String, List<PurchaseChange>> group : byCustomer.entrySet()) {
            String first = group.getValue().get(0).sequenceNumber();
            if (context != null && context.getRemainingTimeInMillis() < DEADLINE_MARGIN_MILLIS) {
                // stop while the progress can still be reported: a timeout would retry the whole batch
                RequestLog.warn(context, "close to the function's timeout: reporting sequence number " + first + " for retry");
                failedAt = first;
                break;
            }
            try {
                Recalculator.Outcome outcome = recalculator.apply(group.getKey(), group.getValue());
                applied += outcome.applied();
                alreadyApplied += outcome.alreadyApplied();
            } catch (RuntimeException e) {
                if (isTransient(e)) {
                    RequestLog.error(context, "customer " + group.getKey() + ": could not apply " + group.getValue().size()
                            + " record(s) from sequence number " + first + " for now; reporting it for retry", e);
                    failedAt = first;
                    break;
                }
                // No retry can apply these: set them aside (dead-letter queue, then repair) and go on with the others.
                RequestLog.error(context, "customer " + group.getKey() + ": " + group.getValue().size()
                        + " record(s) cannot be applied; sending them to the dead-letter queue", e);
                if (!divert(recordsByCustomer.get(group.getKey()), "cannot be applied: " + e.getMessage(), context)) {
                    failedAt = first;
                    break;
                }
                diverted += group.getValue().size();
            }
        }
        Result result = new Result(records.size(), applied, alreadyApplied, diverted, failedAt);
        RequestLog.info(context, "batch records=" + result.records() + " customers=" + byCustomer.size() + " applied=" + applied
                + " alreadyApplied=" + alreadyApplied + " diverted=" + diverted
                + (failedAt == null ? "" : " failedAt=" + failedAt));
        return result;
    }

    /** Throttling, contention, timeouts: a later delivery can succeed. Anything else would fail the same way again. */
    private static boolean isTransient(RuntimeException e) {
        if (e instanceof RecalculationException recalculation) {
            return recalculation.retryable();
        }
        return e instanceof ServiceBusyException || e instanceof SdkClientException
                || e instanceof AwsServiceException service && (service.isThrottlingException() || service.statusCode() >= 500);
    }

    private boolean divert(List<DynamodbStreamRecord> unusable, String reason, Context context) {
        for (DynamodbStreamRecord record : unusable) {
            try {
                poisonSink.divert(record, reason);
                RequestLog.info(context, "diverted record " + record.getEventID() + ": " + reason);
            } catch (RuntimeException divertFailed) {
                RequestLog.error(context, "could not divert record " + record.getEventID(), divertFailed);
                return false;
            }
        }
        return true;
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? record.getEventID() : record.getDynamodb().getSequenceNumber();
    }
}
