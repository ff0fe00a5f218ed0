package dev.ltv.ingest;

import dev.ltv.purchase.BusinessDay;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseInput;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.store.Backoff;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Stores purchases and refunds idempotently: the key (customerId, purchaseId) is claimed with a conditional put,
 * and a key that is already taken is answered from what it holds (same content: duplicate; else: conflict).
 *
 * <p>A batch is written item by item, not with TransactWriteItems: a retried batch normally contains items
 * that are already stored, and a transaction would fail as a whole on the first of them, while each item needs
 * its own answer. Purchases are written in parallel; refunds afterwards, in request order, because a refund may
 * refer to a purchase of the same batch and each one reads the refunded amount the previous one left.
 */
final class PurchaseIngestion {

    static final String REFUND_TARGET_NOT_FOUND = "REFUND_TARGET_NOT_FOUND";
    static final String REFUND_TARGET_IS_REFUND = "REFUND_TARGET_IS_REFUND";
    static final String REFUND_EXCEEDS_PURCHASE = "REFUND_EXCEEDS_PURCHASE";
    private static final int UNPROCESSABLE = 422;
    /** Optimistic writes retried this often against concurrent refunds of the same purchase. */
    private static final int MAX_ATTEMPTS = 6;

    private final PurchaseTable table;
    private final ZoneId businessZone;
    private final Clock clock;
    private final ExecutorService writers;

    PurchaseIngestion(PurchaseTable table, ZoneId businessZone, Clock clock, ExecutorService writers) {
        this.table = table;
        this.businessZone = businessZone;
        this.clock = clock;
        this.writers = writers;
    }

    ItemOutcome ingest(PurchaseInput input) {
        return input.kind() == PurchaseKind.REFUND ? ingestRefund(input) : ingestPurchase(input);
    }

    /**
     * @param inputs valid, and any two with the same key have the same content
     * @return one outcome per input, in input order; a repeated item gets its first occurrence's outcome
     */
    List<ItemOutcome> ingestAll(List<PurchaseInput> inputs) {
        ItemOutcome[] outcomes = new ItemOutcome[inputs.size()];
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Integer> purchases = new ArrayList<>();
        List<Integer> refunds = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            PurchaseInput input = inputs.get(i);
            if (firstIndex.putIfAbsent(key(input), i) == null) {
                (input.kind() == PurchaseKind.REFUND ? refunds : purchases).add(i);
            }
        }
        List<Future<ItemOutcome>> written = new ArrayList<>();
        for (int i : purchases) {
            written.add(writers.submit(() -> ingestPurchase(inputs.get(i))));
        }
        RuntimeException failure = null;
        for (int n = 0; n < purchases.size(); n++) {
            try {
                outcomes[purchases.get(n)] = written.get(n).get();
            } catch (ExecutionException e) {
                failure = failure == null ? asRuntime(e.getCause()) : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a batch", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        for (int i : refunds) {
            outcomes[i] = ingestRefund(inputs.get(i));
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (outcomes[i] == null) {
                ItemOutcome first = outcomes[firstIndex.get(key(inputs.get(i)))];
                outcomes[i] = first instanceof ItemOutcome.Created created ? new ItemOutcome.Duplicate(created.stored()) : first;
            }
        }
        return List.of(outcomes);
    }

    private ItemOutcome ingestPurchase(PurchaseInput input) {
        StoredPurchase candidate = new StoredPurchase(input.toPurchase(BusinessDay.of(input.purchasedAt(), businessZone)), now());
        Optional<StoredPurchase> existing = table.putIfAbsent(candidate);
        return existing.isEmpty() ? new ItemOutcome.Created(candidate) : compare(existing.get(), candidate.purchase());
    }

    private ItemOutcome ingestRefund(PurchaseInput input) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            // first: a retried refund is a duplicate even when it has since been counted into refundedAmount
            Optional<StoredPurchase> existing = table.read(input.customerId(), input.purchaseId());
            if (existing.isPresent()) {
                return compare(existing.get(), input.toPurchase(existing.get().purchase().day()));
            }
            Optional<StoredPurchase> target = table.read(input.customerId(), input.refundOf());
            ItemOutcome.Rejected refusal = refusal(input, target);
            if (refusal != null) {
                // A copy of this refund (a retry racing its first attempt) may have committed between the two reads:
                // then the purchase already counts it and the refusal is the race's, not the client's. The refund
                // and the raised refundedAmount commit together, so if the purchase read counts the copy, this
                // read finds it. Only refusals pay for the extra read.
                Optional<StoredPurchase> raced = table.read(input.customerId(), input.purchaseId());
                return raced.isPresent() ? compare(raced.get(), input.toPurchase(raced.get().purchase().day())) : refusal;
            }
            Purchase original = target.orElseThrow().purchase();
            BigDecimal total = original.refundedAmount().add(input.amount());
            // the refund lowers the value of the order it refunds, so it counts for that order's day
            StoredPurchase refund = new StoredPurchase(input.toPurchase(original.day()), now());
            switch (table.putRefund(refund, original, total)) {
                case DONE -> {
                    return new ItemOutcome.Created(refund);
                }
                case KEY_TAKEN, STALE -> Backoff.INTERACTIVE.pause(attempt);
            }
        }
        throw new StoreBusyException("refund " + input.purchaseId() + " kept meeting concurrent writes");
    }

    /** Why the refund cannot be taken against the purchase as read; null when it can. */
    private static ItemOutcome.Rejected refusal(PurchaseInput input, Optional<StoredPurchase> target) {
        if (target.isEmpty()) {
            return new ItemOutcome.Rejected(UNPROCESSABLE, REFUND_TARGET_NOT_FOUND, "refundOf",
                    "customer " + input.customerId() + " has no purchase " + input.refundOf() + " to refund");
        }
        Purchase original = target.get().purchase();
        if (original.kind() != PurchaseKind.PURCHASE) {
            return new ItemOutcome.Rejected(UNPROCESSABLE, REFUND_TARGET_IS_REFUND, "refundOf",
                    input.refundOf() + " is itself a refund; refund the original purchase " + original.refundOf());
        }
        BigDecimal total = original.refundedAmount().add(input.amount());
        if (total.compareTo(original.amount()) > 0) {
            return new ItemOutcome.Rejected(UNPROCESSABLE, REFUND_EXCEEDS_PURCHASE, "amount",
                    "refunds of " + original.purchaseId() + " would total " + Amounts.text(total, original.currency())
                            + ", more than its amount " + Amounts.text(original.amount(), original.currency())
                            + " (already refunded: " + Amounts.text(original.refundedAmount(), original.currency()) + ")");
        }
        return null;
    }

    private static ItemOutcome compare(StoredPurchase stored, Purchase sent) {
        if (stored.purchase().sameContentAs(sent)) {
            return new ItemOutcome.Duplicate(stored);
        }
        return new ItemOutcome.Conflict(stored, ContentDifferences.between(stored.purchase(), sent));
    }

    private Instant now() {
        return clock.instant();
    }

    private static String key(PurchaseInput input) {
        return input.customerId() + '\u0000' + input.purchaseId();
    }

    private static RuntimeException asRuntime(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
