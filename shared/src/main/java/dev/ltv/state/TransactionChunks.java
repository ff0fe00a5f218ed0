package dev.ltv.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a customer's changes into transactions that fit DynamoDB's 100 items. A change brings its marker; each
 * distinct day it touches brings the day item and at most one customer year item and one company period item
 * (a year has many days); the rest (state, company totals and the other aggregates) is a fixed few.
 */
final class TransactionChunks {

    /** Items a chunk's changes and days may take: the other 15 are left for the fixed items. */
    static final int ITEMS_FOR_CHANGES = 85;
    static final int ITEMS_PER_DAY = 3;

    private TransactionChunks() {
    }

    static List<List<PurchaseChange>> split(List<PurchaseChange> changes, int maxChanges) {
        List<List<PurchaseChange>> chunks = new ArrayList<>();
        List<PurchaseChange> chunk = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        for (PurchaseChange change : changes) {
            Set<LocalDate> own = new HashSet<>();
            change.deltas().forEach(delta -> own.add(delta.day()));
            Set<LocalDate> more = new HashSet<>(days);
            more.addAll(own);
            if (!chunk.isEmpty() && (chunk.size() + 1 > maxChanges || chunk.size() + 1 + ITEMS_PER_DAY * more.size() > ITEMS_FOR_CHANGES)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                more = own;
            }
            chunk.add(change);
            days = more;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
