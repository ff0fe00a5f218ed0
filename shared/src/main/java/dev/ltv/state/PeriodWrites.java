package dev.ltv.state;

import dev.ltv.calc.Period;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transaction items that keep the period sums: the customer's year items of the years a change touches,
 * and one {@code ADD} per touched year to the customer's shard of the company period sums (every month, quarter
 * and the year at once). A customer counts once in a period: its unique-customer count moves only when the
 * customer's purchases in the period go from none to some or back, which the year item tells without reading
 * any other day. Cost per purchase: one year item read (with the day items) and two items written, whatever
 * the history.
 */
final class PeriodWrites {

    private PeriodWrites() {
    }

    static Set<Integer> yearsOf(Collection<LocalDate> days) {
        Set<Integer> years = new TreeSet<>();
        days.forEach(day -> years.add(day.getYear()));
        return years;
    }

    /** The touched years as they become: what was stored plus the differences of the touched days. */
    static Map<Integer, CustomerYear> yearsAfter(Map<Integer, CustomerYear> stored, StateTransition transition) {
        Map<Integer, CustomerYear> after = new TreeMap<>();
        for (int year : yearsOf(transition.daysAfter().keySet())) {
            after.put(year, stored.getOrDefault(year, CustomerYear.empty(year)));
        }
        transition.daysAfter().forEach((day, updated) -> {
            DayTotal old = transition.daysBefore().get(day);
            after.compute(day.getYear(), (year, months) -> months.plus(day, updated.spend().subtract(old.spend()),
                    updated.purchases() - old.purchases()));
        });
        return after;
    }

    /** A customer's year items as a full recomputation gives them: the sums of its day items. */
    static Map<Integer, CustomerYear> yearsFromDays(Collection<DayTotal> days) {
        Map<Integer, CustomerYear> years = new TreeMap<>();
        for (DayTotal day : days) {
            years.merge(day.day().getYear(), CustomerYear.empty(day.day().getYear()).plus(day.day(), day.spend(), day.purchases()),
                    (a, b) -> a.plus(day.day(), day.spend(), day.purchases()));
        }
        years.values().removeIf(CustomerYear::isEmpty);
        return years;
    }

    /** The stream path: the touched years, from their stored items (which may hold other years too) and the transition. */
    static List<TransactWriteItem> forTransition(String table, String customerId, Map<Integer, CustomerYear> stored,
                                                 StateTransition transition) {
        Map<Integer, CustomerYear> after = yearsAfter(stored, transition);
        Map<Integer, CustomerYear> before = new TreeMap<>();
        after.keySet().forEach(year -> before.put(year, stored.getOrDefault(year, CustomerYear.empty(year))));
        return forChange(table, customerId, before, after);
    }

    /** Writes moving the customer's years from {@code before} to {@code after} (years absent from a map are empty). */
    static List<TransactWriteItem> forChange(String table, String customerId, Map<Integer, CustomerYear> before,
                                             Map<Integer, CustomerYear> after) {
        List<TransactWriteItem> items = new ArrayList<>();
        Set<Integer> years = new TreeSet<>(before.keySet());
        years.addAll(after.keySet());
        int shard = Keys.companyShardOf(customerId);
        for (int year : years) {
            CustomerYear old = before.getOrDefault(year, CustomerYear.empty(year));
            CustomerYear updated = after.getOrDefault(year, CustomerYear.empty(year));
            if (old.sameFiguresAs(updated)) {
                continue;
            }
            if (!updated.isEmpty()) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(PeriodItems.toItem(customerId, updated)).build()).build());
            } else {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(PeriodItems.yearKey(customerId, year)).build()).build());
            }
            Map<String, BigDecimal> deltas = companyDeltas(old, updated);
            if (!deltas.isEmpty()) {
                items.add(companyUpdate(table, shard, year, deltas));
            }
        }
        return items;
    }

    /** What the customer's change adds to the company's period sums, by attribute; zero deltas left out. */
    static Map<String, BigDecimal> companyDeltas(CustomerYear before, CustomerYear after) {
        Map<String, BigDecimal> deltas = new TreeMap<>();
        for (Period period : periodsOf(before.year())) {
            String stem = PeriodItems.stem(period);
            long purchasesBefore = before.purchases(period.firstMonth(), period.months());
            long purchasesAfter = after.purchases(period.firstMonth(), period.months());
            put(deltas, stem + "c", BigDecimal.valueOf((purchasesAfter > 0 ? 1 : 0) - (purchasesBefore > 0 ? 1 : 0)));
            put(deltas, stem + "p", BigDecimal.valueOf(purchasesAfter - purchasesBefore));
            put(deltas, stem + "r", after.spend(period.firstMonth(), period.months())
                    .subtract(before.spend(period.firstMonth(), period.months())));
        }
        return deltas;
    }

    static List<Period> periodsOf(int year) {
        List<Period> periods = new ArrayList<>(17);
        periods.add(new Period(year, 1, 12));
        for (int quarter = 0; quarter < 4; quarter++) {
            periods.add(new Period(year, 3 * quarter + 1, 3));
        }
        for (int month = 1; month <= 12; month++) {
            periods.add(new Period(year, month, 1));
        }
        return periods;
    }

    private static void put(Map<String, BigDecimal> deltas, String name, BigDecimal delta) {
        if (delta.signum() != 0) {
            deltas.put(name, delta);
        }
    }

    private static TransactWriteItem companyUpdate(String table, int shard, int year, Map<String, BigDecimal> deltas) {
        StringBuilder expression = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, BigDecimal> delta : deltas.entrySet()) {
            expression.append(i == 0 ? "" : ", ").append("#a").append(i).append(" :v").append(i);
            names.put("#a" + i, delta.getKey());
            values.put(":v" + i, StateItems.n(delta.getValue()));
            i++;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PeriodItems.periodsKey(shard, year))
                .updateExpression(expression.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }
}
