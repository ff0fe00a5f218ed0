package dev.ltv.state;

import dev.ltv.segment.store.SegmentWrites;
import dev.ltv.store.Backoff;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several customers' changes in one {@code TransactWriteItems}: each customer's own items (markers, state, days,
 * year items, outbox) as {@link Recalculator} writes them, and the company-level {@code ADD}s of all of them merged
 * into one update per company item ({@link MergedCompanyDeltas}). A transaction is all or nothing, so a customer's
 * markers commit together with the merged deltas that carry its differences: exactly once, with no batch marker.
 * This cuts the items a stream batch writes (the company items are shared) and the transactions it sends.
 *
 * <p>Failures are narrowed down rather than spread: a cancelled transaction's reasons are per item, in request
 * order, so a customer whose marker condition failed is looked up ({@link Recalculator#dropApplied}), its applied
 * changes dropped, and the rest retried on fresh reads (a failed version condition: a concurrent writer). Whatever
 * stays unsettled after a few rounds, or fails in a way the reasons do not pin on one customer (a refused
 * transaction, an unknown outcome), is handed back to be applied customer by customer, on the proven single-customer
 * path, so that one customer's poison never takes the others down with it. A customer whose own reads stay
 * throttled is reported for a retry, as it would be on that path.
 */
public final class PackedRecalculation {

    /** DynamoDB allows 100 items per transaction; a few are left spare. */
    static final int MAX_TRANSACTION_ITEMS = 96;
    /** A customer with more changes in the batch than this is applied on its own (its chunks, its cohort move). */
    public static final int MAX_CHANGES_PER_CUSTOMER = 10;
    /** A customer writing more items than this (a cohort move of a long history) is applied on its own. */
    static final int MAX_ITEMS_PER_CUSTOMER = 40;
    /**
     * Own items to pack per transaction by {@link #estimatedOwnItems}: the shared company items (totals, segment
     * totals, a period item per year, the channels) take the rest of the 100.
     */
    public static final int OWN_ITEMS_PER_PACK = 80;
    public static final int MAX_CUSTOMERS_PER_PACK = 25;
    private static final int MAX_ROUNDS = 3;
    private static final Set<String> PASSING = Set.of("None", "ConditionalCheckFailed", "TransactionConflict",
            "ThrottlingError", "ProvisionedThroughputExceeded");

    /** What became of one customer. */
    public sealed interface Result {
    }

    /** Applied now, or found applied before (by its markers). */
    public record Applied(Recalculator.Outcome outcome) implements Result {
    }

    /** Applied, but what follows the commit (its segment events) failed for a passing reason. */
    public record Failed(RuntimeException cause) implements Result {
    }

    /** Not settled here: to be applied on its own. */
    public record Alone() implements Result {
    }

    private static final Result ALONE = new Alone();

    private final Recalculator recalculator;

    public PackedRecalculation(Recalculator recalculator) {
        this.recalculator = recalculator;
    }

    /**
     * The items a customer's changes write besides the shared company items, before reading anything: a marker per
     * record, a day and a year item per day, the state, its cohort block and an outbox item. {@link #apply} counts the
     * real items and splits what does not fit after all.
     */
    public static int estimatedOwnItems(List<PurchaseChange> changes) {
        Set<java.time.LocalDate> days = new HashSet<>();
        changes.forEach(change -> change.deltas().forEach(delta -> days.add(delta.day())));
        return changes.size() + 2 * days.size() + 3;
    }

    /** One customer's work: its changes not applied yet, and what was found about the others. */
    private static final class Customer {
        final String id;
        final List<PurchaseChange> pending;
        final int duplicatesInBatch;
        final int withoutEffect;
        int alreadyApplied;
        ReadAhead.Reads reads;
        int firstItem;
        List<TransactWriteItem> own;
        List<TransactWriteItem> company;
        SegmentWrites.Planned planned;

        Customer(String id, List<PurchaseChange> pending, int duplicatesInBatch, int withoutEffect) {
            this.id = id;
            this.pending = pending;
            this.duplicatesInBatch = duplicatesInBatch;
            this.withoutEffect = withoutEffect;
        }

        Recalculator.Outcome outcome(int applied) {
            return new Recalculator.Outcome(applied, duplicatesInBatch + alreadyApplied, withoutEffect);
        }
    }

    /**
     * @param changes   the customers' changes, in the order their groups start (each customer's in stream order)
     * @param readAhead what was read for them ahead (each customer's reads serve its first attempt)
     * @param shard     the company shard the merged deltas go to: concurrent calls should be given different ones
     * @return one result per customer
     */
    public Map<String, Result> apply(Map<String, List<PurchaseChange>> changes, ReadAhead readAhead, int shard) {
        Map<String, Result> results = new LinkedHashMap<>();
        List<Customer> first = new ArrayList<>();
        changes.forEach((customerId, own) -> {
            Customer customer = deduplicated(customerId, own);
            customer.reads = readAhead.take(customerId);
            if (customer.pending.isEmpty()) {
                results.put(customerId, new Applied(customer.outcome(0)));
            } else if (customer.pending.size() > MAX_CHANGES_PER_CUSTOMER) {
                results.put(customerId, ALONE);
            } else {
                first.add(customer);
            }
        });
        List<Customer> unread = first.stream().filter(customer -> customer.reads == null).toList();
        if (!unread.isEmpty()) {
            readAgain(unread); // the batch's read ahead failed, or these were not in it: the pack's own pair of reads
        }
        List<Customer> pending = first;
        for (int round = 0; !pending.isEmpty() && round < MAX_ROUNDS; round++) {
            if (round > 0) {
                Backoff.BACKGROUND.pause(round - 1); // a conflict or a concurrent writer: let it pass
                readAgain(pending);
            }
            List<Customer> prepared = prepare(pending, results);
            List<Customer> retry = new ArrayList<>();
            for (List<Customer> transaction : pack(prepared)) {
                commit(transaction, shard, results, retry);
            }
            pending = retry;
        }
        pending.forEach(customer -> results.put(customer.id, ALONE));
        Map<String, Result> ordered = new LinkedHashMap<>();
        changes.keySet().forEach(customerId -> ordered.put(customerId, results.get(customerId)));
        return ordered;
    }

    private static Customer deduplicated(String customerId, List<PurchaseChange> changes) {
        DistinctChanges distinct = DistinctChanges.of(customerId, changes);
        return new Customer(customerId, distinct.pending(), distinct.duplicates(), distinct.withoutEffect());
    }

    /** The states and days of the customers to retry, in one pair of batch reads; if that fails, each reads its own. */
    private void readAgain(List<Customer> customers) {
        Map<String, List<PurchaseChange>> changes = new LinkedHashMap<>();
        customers.forEach(customer -> changes.put(customer.id, customer.pending));
        try {
            ReadAhead reads = ReadAhead.read(recalculator.store(), changes);
            customers.forEach(customer -> customer.reads = reads.take(customer.id));
        } catch (RuntimeException e) {
            customers.forEach(customer -> customer.reads = null);
        }
    }

    /** Each customer's transition and items; a customer whose preparation fails is left to the single path. */
    private List<Customer> prepare(List<Customer> customers, Map<String, Result> results) {
        List<Customer> prepared = new ArrayList<>();
        for (Customer customer : customers) {
            ReadAhead.Reads reads = customer.reads;
            customer.reads = null; // serve one attempt only
            try {
                Recalculator.Computed computed = recalculator.transition(customer.id, customer.pending, reads);
                customer.planned = recalculator.planSegments(customer.id, computed, customer.pending);
                List<TransactWriteItem> items = recalculator.transactionItems(customer.id, customer.pending, computed,
                        customer.planned);
                customer.own = new ArrayList<>();
                customer.company = new ArrayList<>();
                for (TransactWriteItem item : items) {
                    (MergedCompanyDeltas.isCompanyItem(item) ? customer.company : customer.own).add(item);
                }
                if (items.size() > MAX_ITEMS_PER_CUSTOMER) {
                    results.put(customer.id, ALONE);
                } else {
                    prepared.add(customer);
                }
            } catch (NegativeDayException e) {
                results.put(customer.id, ALONE); // records applied before: the single-customer path asks their markers
            } catch (RuntimeException e) {
                // reads that stay throttled are reported for this customer, as its own reads would be on the
                // single-customer path; anything else (a model that cannot be read, say) is sorted out there
                results.put(customer.id, isPassing(e) ? new Failed(e) : ALONE);
            }
        }
        return prepared;
    }

    /** Fills transactions greedily, in the customers' order, counting each company item once. */
    private static List<List<Customer>> pack(List<Customer> customers) {
        List<List<Customer>> transactions = new ArrayList<>();
        List<Customer> current = new ArrayList<>();
        Set<String> companyItems = new HashSet<>();
        int ownItems = 0;
        for (Customer customer : customers) {
            Set<String> more = new HashSet<>(companyItems);
            customer.company.forEach(item -> more.add(MergedCompanyDeltas.sortKeyOf(item)));
            if (!current.isEmpty() && ownItems + customer.own.size() + more.size() > MAX_TRANSACTION_ITEMS) {
                transactions.add(current);
                current = new ArrayList<>();
                ownItems = 0;
                more.clear();
                customer.company.forEach(item -> more.add(MergedCompanyDeltas.sortKeyOf(item)));
            }
            current.add(customer);
            ownItems += customer.own.size();
            companyItems = more;
        }
        if (!current.isEmpty()) {
            transactions.add(current);
        }
        return transactions;
    }

    private void commit(List<Customer> customers, int shard, Map<String, Result> results, List<Customer> retry) {
        List<TransactWriteItem> items = new ArrayList<>();
        MergedCompanyDeltas merged = new MergedCompanyDeltas();
        for (Customer customer : customers) {
            customer.firstItem = items.size(); // its markers first: a cancellation reason's index names the change
            items.addAll(customer.own);
            customer.company.forEach(merged::add);
        }
        items.addAll(merged.updates(recalculator.store().table(), shard));
        CapacityMeter meter = recalculator.meter();
        try {
            TransactWriteItemsResponse response = recalculator.dynamo().transactWriteItems(request -> request
                    .transactItems(items).returnConsumedCapacity(meter.mode()));
            meter.write(response.consumedCapacity());
            meter.written(items.size());
        } catch (TransactionCanceledException cancelled) {
            meter.write(List.of());
            cancelled(customers, cancelled.cancellationReasons(), results, retry);
            return;
        } catch (DynamoDbException | SdkClientException unknown) {
            // throttled, refused, or it may have happened with the response lost: each customer alone finds out
            customers.forEach(customer -> results.put(customer.id, ALONE));
            return;
        }
        for (Customer customer : customers) {
            results.put(customer.id, settled(customer, customer.pending.size(), customer.planned));
        }
    }

    private void cancelled(List<Customer> customers, List<CancellationReason> reasons, Map<String, Result> results,
                           List<Customer> retry) {
        for (CancellationReason reason : reasons) {
            if (reason.code() != null && !PASSING.contains(reason.code())) {
                // refused (e.g. a validation error): find out customer by customer which one it is
                customers.forEach(customer -> results.put(customer.id, ALONE));
                return;
            }
        }
        for (Customer customer : customers) {
            boolean markerFailed = false;
            for (int i = customer.firstItem; i < customer.firstItem + customer.pending.size() && i < reasons.size(); i++) {
                markerFailed |= "ConditionalCheckFailed".equals(reasons.get(i).code());
            }
            if (markerFailed) {
                // a marker exists: those records were applied before. DynamoDB may report only some of the failed
                // conditions, so all of the customer's markers are read.
                try {
                    customer.alreadyApplied += recalculator.dropApplied(customer.id, customer.pending);
                } catch (RuntimeException e) {
                    results.put(customer.id, ALONE);
                    continue;
                }
                if (customer.pending.isEmpty()) {
                    results.put(customer.id, settled(customer, 0, SegmentWrites.Planned.NONE));
                    continue;
                }
            }
            retry.add(customer); // its state moved (a concurrent writer), a conflict, or another customer's marker
        }
    }

    private static boolean isPassing(RuntimeException e) {
        return e instanceof RecalculationException recalculation ? recalculation.retryable()
                : e instanceof dev.ltv.api.ServiceBusyException
                || (e instanceof DynamoDbException || e instanceof SdkClientException) && Recalculator.isRetryable(e);
    }

    /** After the commit: the segment events, per customer as on the single path. */
    private Result settled(Customer customer, int applied, SegmentWrites.Planned planned) {
        try {
            if (applied > 0) {
                recalculator.publishSegmentEvents(customer.id, planned);
            }
            if (customer.alreadyApplied > 0) {
                recalculator.republishSegmentEvents(customer.id); // what an earlier delivery left in the outbox
            }
            return new Applied(customer.outcome(applied));
        } catch (RuntimeException e) {
            return new Failed(e);
        }
    }
}
