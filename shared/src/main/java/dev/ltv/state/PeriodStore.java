package dev.ltv.state;

import dev.ltv.calc.Period;
import dev.ltv.calc.PeriodTotals;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads the period items: customers' year items (with their day items) and the company period sums. */
public final class PeriodStore {

    private final StateStore store;

    public PeriodStore(StateStore store) {
        this.store = store;
    }

    /** Customers' touched days and the year items of those days, in the same requests (one per 100 keys). */
    record DaysAndYears(Map<String, Map<LocalDate, DayTotal>> days, Map<String, Map<Integer, CustomerYear>> years) {
    }

    DaysAndYears readDaysAndYears(Map<String, Set<LocalDate>> daysByCustomer) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, Map<LocalDate, DayTotal>> days = new HashMap<>();
        Map<String, Map<Integer, CustomerYear>> years = new HashMap<>();
        daysByCustomer.forEach((customerId, touched) -> {
            days.put(customerId, new HashMap<>());
            years.put(customerId, new TreeMap<>());
            touched.forEach(day -> keys.add(StateItems.dayKey(customerId, day)));
            PeriodWrites.yearsOf(touched).forEach(year -> keys.add(PeriodItems.yearKey(customerId, year)));
        });
        for (Map<String, AttributeValue> item : store.batchGet(keys, true)) {
            String customerId = Keys.customerIdOf(item.get(Keys.PK).s());
            if (PeriodItems.isYearItem(item)) {
                CustomerYear year = PeriodItems.yearFrom(item);
                years.get(customerId).put(year.year(), year);
            } else {
                DayTotal day = StateItems.dayFrom(item);
                days.get(customerId).put(day.day(), day);
            }
        }
        return new DaysAndYears(days, years);
    }

    /** Every year item of a customer (the repair path and cohort moves: O(the customer's active years)). */
    public Map<Integer, CustomerYear> readAllYears(String customerId) {
        Map<Integer, CustomerYear> years = new TreeMap<>();
        PrefixQuery.forEach(store, Keys.customer(customerId), PeriodItems.YEAR_PREFIX, true, item -> {
            CustomerYear year = PeriodItems.yearFrom(item);
            years.put(year.year(), year);
        });
        return years;
    }

    /** The company's figures in a period: the period's attributes of the 64 shards, in one request. */
    public PeriodTotals readPeriod(Period period, boolean consistent) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < Keys.COMPANY_SHARDS; shard++) {
            keys.add(PeriodItems.periodsKey(shard, period.year()));
        }
        PeriodTotals totals = PeriodTotals.EMPTY;
        for (Map<String, AttributeValue> item : store.batchGet(keys, consistent)) {
            totals = totals.plus(PeriodItems.totalsFrom(item, period));
        }
        return totals;
    }
}
