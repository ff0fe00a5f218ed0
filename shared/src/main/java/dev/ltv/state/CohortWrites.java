package dev.ltv.state;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transaction items that keep the acquisition cohorts: per cohort (the month of the first purchase day),
 * company shard and block of twelve months since acquisition, one item ({@code COMPANY#nn / COHORT#2025-07#000})
 * with, per month since acquisition {@code k}, the revenue booked to that month ({@code r<k>}) and the customers
 * with a purchase in it ({@code a<k>}); block 0 also holds the cohort's customers. The cohort's revenue to date is
 * the sum of its months. Spend booked before the acquisition month (refunds left on a day whose purchases were
 * removed) counts at month 0.
 *
 * <p>Cost: while the cohort stays, one {@code ADD} of the touched months' differences to the block of those
 * months (the year items the period sums read already say them): one small item, O(1) per purchase. When the first purchase day moves to another month (a purchase
 * arriving out of order before it, the first purchases corrected or deleted) the customer's whole contribution
 * moves from one cohort to the other: every year item of the customer is read (one {@code Query}) and the blocks
 * of its active months are written in both cohorts, one attribute pair per active month: O(the customer's active
 * months).
 */
final class CohortWrites {

    static final String PREFIX = "COHORT#";
    static final String CUSTOMERS = "customers";
    /** Months since acquisition per item: {@code COHORT#2025-07#000} holds months 0–11 and the customers, {@code #001} 12–23… */
    static final int MONTHS_PER_ITEM = 12;

    private CohortWrites() {
    }

    static String sortKey(YearMonth cohort, int block) {
        return PREFIX + cohort + String.format("#%03d", block);
    }

    static YearMonth cohortOf(CustomerState state) {
        return state == null || !state.hasPurchases() ? null : YearMonth.from(state.firstDay());
    }

    /** Whether the transition moves the customer between cohorts with a history to move (then every year is needed). */
    static boolean needsAllYears(CustomerState before, CustomerState after) {
        return before != null && !Objects.equals(cohortOf(before), cohortOf(after));
    }

    /**
     * @param yearsBefore the customer's stored years: those the transition touches, or all of them when
     *                    {@link #needsAllYears} (absent years are empty)
     * @param yearsAfter  the touched years as they become
     */
    static List<TransactWriteItem> forTransition(String table, String customerId, CustomerState before, CustomerState after,
                                                 Map<Integer, CustomerYear> yearsBefore, Map<Integer, CustomerYear> yearsAfter) {
        YearMonth cohortBefore = cohortOf(before);
        YearMonth cohortAfter = cohortOf(after);
        int shard = Keys.companyShardOf(customerId);
        if (cohortBefore != null && cohortBefore.equals(cohortAfter)) {
            Contribution delta = new Contribution(0);
            for (Map.Entry<Integer, CustomerYear> entry : yearsAfter.entrySet()) {
                CustomerYear old = yearsBefore.getOrDefault(entry.getKey(), CustomerYear.empty(entry.getKey()));
                delta.add(cohortAfter, entry.getValue(), 1);
                delta.add(cohortAfter, old, -1);
            }
            return delta.updates(table, shard, cohortAfter);
        }
        List<TransactWriteItem> items = new java.util.ArrayList<>(2);
        if (cohortBefore != null) {
            Contribution removed = new Contribution(-1);
            yearsBefore.values().forEach(year -> removed.add(cohortBefore, year, -1));
            items.addAll(removed.updates(table, shard, cohortBefore));
        }
        if (cohortAfter != null) {
            Map<Integer, CustomerYear> all = new TreeMap<>(yearsBefore);
            all.putAll(yearsAfter);
            Contribution added = new Contribution(1);
            all.values().forEach(year -> added.add(cohortAfter, year, 1));
            items.addAll(added.updates(table, shard, cohortAfter));
        }
        return items;
    }

    /** A customer's (signed) contribution to one cohort item. */
    private static final class Contribution {
        final long customers;
        final Map<Integer, BigDecimal> revenueByMonth = new TreeMap<>();
        final Map<Integer, Long> activeByMonth = new TreeMap<>();

        Contribution(long customers) {
            this.customers = customers;
        }

        void add(YearMonth cohort, CustomerYear year, int sign) {
            for (int month = 1; month <= 12; month++) {
                long purchases = year.purchases(month);
                BigDecimal spend = year.spend(month);
                if (purchases == 0 && spend.signum() == 0) {
                    continue;
                }
                int k = (int) Math.max(0, ChronoUnit.MONTHS.between(cohort, YearMonth.of(year.year(), month)));
                BigDecimal signed = sign < 0 ? spend.negate() : spend;
                revenueByMonth.merge(k, signed, BigDecimal::add);
                activeByMonth.merge(k, purchases > 0 ? (long) sign : 0L, Long::sum);
            }
        }

        /**
         * One {@code ADD} per block of twelve months since acquisition that changes: block 0 also holds the cohort's
         * customers. Blocks keep every item small whatever the age of the cohort, so a purchase's write does not
         * grow with the history.
         */
        List<TransactWriteItem> updates(String table, int shard, YearMonth cohort) {
            Map<Integer, StringBuilder> expressions = new TreeMap<>();
            Map<Integer, Map<String, AttributeValue>> values = new TreeMap<>();
            if (customers != 0) {
                expressions.computeIfAbsent(0, b -> new StringBuilder()).append("#customers :customers");
                values.computeIfAbsent(0, b -> new HashMap<>()).put(":customers", StateItems.n(customers));
            }
            Set<Integer> months = new TreeSet<>(revenueByMonth.keySet());
            months.addAll(activeByMonth.keySet());
            for (int k : months) {
                BigDecimal r = revenueByMonth.getOrDefault(k, BigDecimal.ZERO);
                long a = activeByMonth.getOrDefault(k, 0L);
                int block = k / MONTHS_PER_ITEM;
                // attribute names r<k>/a<k> need no placeholder: no reserved word has a digit
                if (r.signum() != 0) {
                    StringBuilder expression = expressions.computeIfAbsent(block, b -> new StringBuilder());
                    expression.append(expression.isEmpty() ? "" : ", ").append("r").append(k).append(" :r").append(k);
                    values.computeIfAbsent(block, b -> new HashMap<>()).put(":r" + k, StateItems.n(r));
                }
                if (a != 0) {
                    StringBuilder expression = expressions.computeIfAbsent(block, b -> new StringBuilder());
                    expression.append(expression.isEmpty() ? "" : ", ").append("a").append(k).append(" :a").append(k);
                    values.computeIfAbsent(block, b -> new HashMap<>()).put(":a" + k, StateItems.n(a));
                }
            }
            List<TransactWriteItem> items = new java.util.ArrayList<>();
            expressions.forEach((block, expression) -> {
                Update.Builder update = Update.builder().tableName(table)
                        .key(StateItems.key(Keys.companyShard(shard), sortKey(cohort, block)))
                        .updateExpression("ADD " + expression)
                        .expressionAttributeValues(values.get(block));
                if (expression.indexOf("#customers") >= 0) {
                    update.expressionAttributeNames(Map.of("#customers", CUSTOMERS));
                }
                items.add(TransactWriteItem.builder().update(update.build()).build());
            });
            return items;
        }
    }
}
