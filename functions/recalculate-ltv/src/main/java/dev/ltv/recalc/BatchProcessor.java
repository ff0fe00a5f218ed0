package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.api.RequestLog;
import dev.ltv.api.ServiceBusyException;
import dev.ltv.state.PackedRecalculation;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.ReadAhead;
import dev.ltv.state.RecalculationException;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateStore;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream batch: parse, divert unusable records, group the rest by customer (so several purchases of
 * one customer cost one state update), read every group's state and days ahead in a couple of batch reads,
 * pack consecutive groups several to a transaction ({@link CustomerPacker}, {@link PackedRecalculation}: their
 * company-level deltas merged, so a batch writes far fewer items and transactions), and apply the packs
 * concurrently ({@link GroupScheduler}), each customer's records in their order.
 *
 * <p>The checkpoint: when groups fail for a passing reason (throttling, contention, a timeout), the first
 * record of the earliest of them is reported, and Lambda redelivers everything from there. Every group
 * before it has been applied (or set aside), so nothing is skipped; groups after it that were applied too are
 * recognised by their markers on redelivery. Records no retry can apply (malformed images, a transaction
 * DynamoDB refuses, a state the changes do not fit) go to the dead-letter queue instead, so that one
 * customer's bad records never hold up everyone else's; {@code ./ltv repair} brings that customer back in line.
 */
final class BatchProcessor {

    /** Time kept for finishing the running transactions and reporting the checkpoint before Lambda's timeout. */
    static final long DEADLINE_MARGIN_MILLIS = 20_000;
    /** Packs (or lone customers) applied at once: the 8 or so packs of a batch of 100 customers all run at once. */
    static final int DEFAULT_CONCURRENCY = 16;

    private final Recalculator recalculator;
    private final StateStore store;
    private final PoisonRecordSink poisonSink;
    private final GroupScheduler scheduler;
    private final PackedRecalculation packed;

    BatchProcessor(Recalculator recalculator, StateStore store, PoisonRecordSink poisonSink, int concurrency) {
        this.recalculator = recalculator;
        this.store = store;
        this.poisonSink = poisonSink;
        this.scheduler = new GroupScheduler(concurrency);
        this.packed = new PackedRecalculation(recalculator);
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
        Map<String, CustomerGroup> byCustomer = new LinkedHashMap<>();
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
                byCustomer.computeIfAbsent(parsed.change().customerId(), CustomerGroup::new).add(parsed.change(), record);
            }
        }
        List<CustomerGroup> groups = new ArrayList<>(byCustomer.values());
        ReadAhead readAhead = readAhead(groups, context);
        List<CustomerPack> packs = CustomerPacker.pack(groups);
        List<GroupResult> results = scheduler.runPacks(packs, pack -> apply(pack, readAhead), () -> nearDeadline(context));
        for (GroupResult result : results) {
            if (result instanceof GroupResult.Crashed crashed) {
                throw crashed.error(); // the invocation dies, as it would have in one thread: Lambda retries the batch
            }
        }

        int applied = 0;
        int alreadyApplied = 0;
        boolean stopped = false;
        for (int i = 0; i < groups.size(); i++) {
            CustomerGroup group = groups.get(i);
            GroupResult result = results.get(i);
            if (result instanceof GroupResult.Applied done) {
                applied += done.outcome().applied();
                alreadyApplied += done.outcome().alreadyApplied();
            } else if (stopped) {
                continue; // redelivered from the checkpoint: retried or diverted then
            } else if (result instanceof GroupResult.Retry retry) {
                RequestLog.error(context, "customer " + group.customerId() + ": could not apply " + group.changes().size()
                        + " record(s) from sequence number " + group.firstSequenceNumber() + " for now; reporting it for retry",
                        retry.cause());
                failedAt = group.firstSequenceNumber();
                stopped = true;
            } else if (result instanceof GroupResult.NotStarted notStarted) {
                RequestLog.warn(context, notStarted.why() + ": reporting sequence number " + group.firstSequenceNumber()
                        + " for retry");
                failedAt = group.firstSequenceNumber();
                stopped = true;
            } else if (result instanceof GroupResult.Unusable unusable) {
                // No retry can apply these: set them aside (dead-letter queue, then repair) and go on with the others.
                RequestLog.error(context, "customer " + group.customerId() + ": " + group.changes().size()
                        + " record(s) cannot be applied; sending them to the dead-letter queue", unusable.cause());
                if (divert(group.records(), "cannot be applied: " + unusable.cause().getMessage(), context)) {
                    diverted += group.changes().size();
                } else {
                    failedAt = group.firstSequenceNumber();
                    stopped = true;
                }
            }
        }
        Result result = new Result(records.size(), applied, alreadyApplied, diverted, failedAt);
        RequestLog.info(context, "batch records=" + result.records() + " customers=" + groups.size() + " packs=" + packs.size()
                + " applied=" + applied
                + " alreadyApplied=" + alreadyApplied + " diverted=" + diverted
                + (failedAt == null ? "" : " failedAt=" + failedAt));
        return result;
    }

    /**
     * Several customers in one transaction, with their company-level deltas merged ({@link PackedRecalculation});
     * those it hands back (a poison customer among them, say) are applied one by one, so each gets its own result.
     * Never throws: an Error crashes every group of the pack, as it would the invocation.
     */
    private List<GroupResult> apply(CustomerPack pack, ReadAhead readAhead) {
        if (pack.groups().size() == 1) {
            return List.of(apply(pack.groups().getFirst(), readAhead));
        }
        Map<String, List<PurchaseChange>> changes = new LinkedHashMap<>();
        pack.groups().forEach(group -> changes.put(group.customerId(), group.changes()));
        Map<String, PackedRecalculation.Result> packed;
        try {
            packed = this.packed.apply(changes, readAhead, pack.shard());
        } catch (RuntimeException e) {
            packed = Map.of(); // a defect of the packing must not cost more than the packing: each alone
        } catch (Error e) {
            return java.util.Collections.nCopies(pack.groups().size(), new GroupResult.Crashed(e));
        }
        List<GroupResult> results = new ArrayList<>();
        for (CustomerGroup group : pack.groups()) {
            PackedRecalculation.Result result = packed.get(group.customerId());
            if (result instanceof PackedRecalculation.Applied done) {
                results.add(new GroupResult.Applied(done.outcome()));
            } else if (result instanceof PackedRecalculation.Failed failed) {
                results.add(isTransient(failed.cause()) ? new GroupResult.Retry(failed.cause())
                        : new GroupResult.Unusable(failed.cause()));
            } else {
                GroupResult alone = apply(group, ReadAhead.NONE);
                results.add(alone);
                if (alone instanceof GroupResult.Crashed) {
                    // the invocation died: the pack's other customers are not started
                    while (results.size() < pack.groups().size()) {
                        results.add(alone);
                    }
                    break;
                }
            }
        }
        return results;
    }

    /** Never throws but an Error: a group's failure is its result. */
    private GroupResult apply(CustomerGroup group, ReadAhead readAhead) {
        try {
            return new GroupResult.Applied(recalculator.apply(group.customerId(), group.changes(), readAhead));
        } catch (RuntimeException e) {
            return isTransient(e) ? new GroupResult.Retry(e) : new GroupResult.Unusable(e);
        } catch (Error e) {
            return new GroupResult.Crashed(e);
        }
    }

    /** The groups' states and days in a couple of requests; if that fails, each group reads its own. */
    private ReadAhead readAhead(List<CustomerGroup> groups, Context context) {
        if (groups.size() < 2) {
            return ReadAhead.NONE; // nothing to combine
        }
        Map<String, List<PurchaseChange>> changes = new LinkedHashMap<>();
        groups.forEach(group -> changes.put(group.customerId(), group.changes()));
        try {
            return ReadAhead.read(store, changes);
        } catch (RuntimeException e) {
            RequestLog.warn(context, "reading the batch's customers ahead failed (" + e.getMessage() + "); each reads its own");
            return ReadAhead.NONE;
        }
    }

    private static boolean nearDeadline(Context context) {
        // stop while the progress can still be reported: a timeout would retry the whole batch
        return context != null && context.getRemainingTimeInMillis() < DEADLINE_MARGIN_MILLIS;
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
