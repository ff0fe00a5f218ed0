package dev.ltv.state;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states and touched days of several customers, read together before their transactions: two
 * {@code BatchGetItem} requests for a whole stream batch (one per 100 keys) instead of two reads per customer.
 *
 * <p>All states are read before any day, as a single customer's read does: a write landing in between moves
 * the version, and the transaction's condition on that version fails. Each customer's reads serve its first
 * attempt only ({@link #take} hands them out once); a retry, or the next chunk of a long group, reads afresh.
 */
public final class ReadAhead {

    /** Nothing read ahead: every customer reads its own state and days. */
    public static final ReadAhead NONE = new ReadAhead(Map.of());

    /** What was read for one customer. */
    record Reads(CustomerState state, Set<LocalDate> days, Map<LocalDate, DayTotal> stored,
                 Map<Integer, CustomerYear> years) {

        /** The stored values of these days, if all of them were read. */
        Map<LocalDate, DayTotal> storedFor(Set<LocalDate> wanted) {
            if (!days.containsAll(wanted)) {
                return null;
            }
            Map<LocalDate, DayTotal> subset = new java.util.HashMap<>();
            for (LocalDate day : wanted) {
                DayTotal total = stored.get(day);
                if (total != null) {
                    subset.put(day, total);
                }
            }
            return subset;
        }
    }

    private final Map<String, Reads> byCustomer;

    private ReadAhead(Map<String, Reads> byCustomer) {
        this.byCustomer = byCustomer;
    }

    /** Reads the state of every customer, then every day their changes touch. */
    public static ReadAhead read(StateStore store, Map<String, List<PurchaseChange>> changesByCustomer) {
        if (changesByCustomer.isEmpty()) {
            return NONE;
        }
        Map<String, CustomerState> states = store.readStates(changesByCustomer.keySet());
        Map<String, Set<LocalDate>> days = new java.util.HashMap<>();
        changesByCustomer.forEach((customerId, changes) -> {
            Set<LocalDate> touched = new HashSet<>();
            changes.forEach(change -> change.deltas().forEach(delta -> touched.add(delta.day())));
            days.put(customerId, touched);
        });
        // the year items of the touched days come in the same requests (the period sums need them)
        PeriodStore.DaysAndYears stored = new PeriodStore(store).readDaysAndYears(days);
        Map<String, Reads> reads = new ConcurrentHashMap<>();
        changesByCustomer.keySet().forEach(customerId -> reads.put(customerId, new Reads(states.get(customerId),
                days.get(customerId), stored.days().get(customerId), stored.years().get(customerId))));
        return new ReadAhead(reads);
    }

    /** This customer's reads, once; null when there are none (or they were taken). */
    Reads take(String customerId) {
        return byCustomer.isEmpty() ? null : byCustomer.remove(customerId);
    }
}
