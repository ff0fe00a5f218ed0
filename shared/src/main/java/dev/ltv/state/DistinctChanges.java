package dev.ltv.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer's changes of a stream batch with the repeats taken out: a record delivered twice in one batch is
 * applied once. A change without deltas (only {@code refundedAmount} changed, say) carries no marker: applying it
 * twice is harmless, so it is only counted.
 *
 * @param pending        the changes to apply, each event once, in stream order
 * @param duplicates     records dropped as repeats of an earlier one in the batch
 * @param withoutEffect  changes that move nothing
 */
record DistinctChanges(List<PurchaseChange> pending, int duplicates, int withoutEffect) {

    static DistinctChanges of(String customerId, List<PurchaseChange> changes) {
        Map<String, PurchaseChange> unique = new LinkedHashMap<>();
        int withoutEffect = 0;
        for (PurchaseChange change : changes) {
            if (!change.customerId().equals(customerId)) {
                throw new IllegalArgumentException("change " + change.eventId() + " is not of customer " + customerId);
            }
            if (change.deltas().isEmpty()) {
                withoutEffect++;
            } else {
                unique.putIfAbsent(change.eventId(), change);
            }
        }
        return new DistinctChanges(new ArrayList<>(unique.values()), changes.size() - withoutEffect - unique.size(),
                withoutEffect);
    }
}
