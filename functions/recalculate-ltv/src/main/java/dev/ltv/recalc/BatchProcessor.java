package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.api.RequestLog;
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
 * <p>Because groups run in that order, when one fails every record before its first record has been
 * applied: that record's sequence number is the checkpoint to report, and processing stops there.
 */
final class BatchProcessor {

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
        int diverted = 0;
        String failedAt = null;
        for (DynamodbStreamRecord record : records) {
            try {
                PurchaseChange change = StreamRecordParser.parse(record);
                byCustomer.computeIfAbsent(change.customerId(), id -> new ArrayList<>()).add(change);
            } catch (StreamRecordParser.UnusableRecordException unusable) {
                try {
                    poisonSink.divert(record, unusable.getMessage());
                    diverted++;
                    RequestLog.info(context, "diverted unusable record " + record.getEventID() + ": " + unusable.getMessage());
                } catch (RuntimeException divertFailed) {
                    RequestLog.error(context, "could not divert unusable record " + record.getEventID(), divertFailed);
                    failedAt = sequenceNumber(record);
                    break; // the records before it are still applied below; it and what follows are retried
                }
            }
        }
        int applied = 0;
        int alreadyApplied = 0;
        for (Map.Entry<String, List<PurchaseChange>> group : byCustomer.entrySet()) {
            try {
                Recalculator.Outcome outcome = recalculator.apply(group.getKey(), group.getValue());
                applied += outcome.applied();
                alreadyApplied += outcome.alreadyApplied();
            } catch (RuntimeException e) {
                String first = group.getValue().get(0).sequenceNumber();
                RequestLog.error(context, "customer " + group.getKey() + ": could not apply " + group.getValue().size()
                        + " record(s) from sequence number " + first + "; reporting it for retry; records: "
                        + group.getValue().stream().map(c -> c.eventId() + (c.oldImage() == null ? " +" : c.newImage() == null ? " -" : " ~")
                        + (c.newImage() != null ? c.newImage().purchaseId() : c.oldImage().purchaseId())).toList(), e);
                failedAt = first;
                break;
            }
        }
        Result result = new Result(records.size(), applied, alreadyApplied, diverted, failedAt);
        RequestLog.info(context, "batch records=" + result.records() + " customers=" + byCustomer.size() + " applied=" + applied
                + " alreadyApplied=" + alreadyApplied + " diverted=" + diverted
                + (failedAt == null ? "" : " failedAt=" + failedAt));
        return result;
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? record.getEventID() : record.getDynamodb().getSequenceNumber();
    }
}
