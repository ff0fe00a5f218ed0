package dev.ltv.state;

import dev.ltv.purchase.Purchase;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A customer's state computed from scratch, from every stored purchase and refund: the reference the
 * incremental path must always agree with, and what the repair path writes.
 *
 * @param state null when the customer has nothing left
 */
public record FullState(CustomerState state, SortedMap<LocalDate, DayTotal> days) {

    public static FullState fromPurchases(String customerId, Collection<Purchase> purchases, long version, Instant now) {
        SortedMap<LocalDate, DayTotal> days = new TreeMap<>();
        for (Purchase purchase : purchases) {
            DayDelta contribution = Contribution.of(purchase);
            days.merge(contribution.day(), DayTotal.empty(contribution.day()).plus(contribution), DayTotal::plus);
        }
        days.values().removeIf(DayTotal::isEmpty);
        BigDecimal revenue = BigDecimal.ZERO;
        long count = 0;
        long purchaseDays = 0;
        DayTotal first = null;
        DayTotal last = null;
        for (DayTotal day : days.values()) {
            revenue = revenue.add(day.spend());
            count += day.purchases();
            if (day.isPurchaseDay()) {
                purchaseDays++;
                first = first == null ? day : first;
                last = day;
            }
        }
        CustomerState state = days.isEmpty() ? null : new CustomerState(customerId, revenue, count, purchaseDays,
                first == null ? null : first.day(), last == null ? null : last.day(),
                first == null ? BigDecimal.ZERO : first.spend(), version, now,
                first == null ? null : AcquisitionChannel.fromFirstDay(first.channels()));
        return new FullState(state, Collections.unmodifiableSortedMap(days));
    }
}
