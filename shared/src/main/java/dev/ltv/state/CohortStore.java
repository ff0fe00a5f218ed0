package dev.ltv.state;

import dev.ltv.calc.CohortTotals;
import dev.ltv.store.ConcurrentReads;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Reads the acquisition cohorts: one {@code Query} per company shard (64), whatever the number of customers, the
 * shards concurrently (as {@link ChannelStore}: one after the other they cost 64 round trips).
 */
public final class CohortStore {

    private final StateStore store;

    public CohortStore(StateStore store) {
        this.store = store;
    }

    /** Every cohort with at least one customer, by acquisition month. */
    public SortedMap<YearMonth, CohortTotals> readCohorts(boolean consistent) {
        List<Callable<SortedMap<YearMonth, CohortTotals>>> shards = new ArrayList<>();
        for (int shard = 0; shard < Keys.COMPANY_SHARDS; shard++) {
            String pk = Keys.companyShard(shard);
            shards.add(() -> readShard(pk, consistent));
        }
        SortedMap<YearMonth, CohortTotals> cohorts = new TreeMap<>();
        for (SortedMap<YearMonth, CohortTotals> shard : ConcurrentReads.all(shards, "the cohort sums")) {
            shard.forEach((cohort, totals) -> cohorts.merge(cohort, totals, CohortTotals::plus));
        }
        // a cohort all of whose customers moved away (or were deleted) stays behind as zeros
        cohorts.values().removeIf(totals -> totals.customers() == 0);
        return cohorts;
    }

    private SortedMap<YearMonth, CohortTotals> readShard(String pk, boolean consistent) {
        SortedMap<YearMonth, CohortTotals> cohorts = new TreeMap<>();
        PrefixQuery.forEach(store, pk, CohortWrites.PREFIX, consistent, item -> {
            String sk = item.get(Keys.SK).s();
            YearMonth cohort = YearMonth.parse(sk.substring(CohortWrites.PREFIX.length(), CohortWrites.PREFIX.length() + 7));
            cohorts.merge(cohort, totalsFrom(item), CohortTotals::plus);
        });
        return cohorts;
    }

    private static CohortTotals totalsFrom(Map<String, AttributeValue> item) {
        TreeMap<Integer, BigDecimal> revenue = new TreeMap<>();
        TreeMap<Integer, Long> active = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.length() > 1 && Character.isDigit(name.charAt(1)) && value.n() != null) {
                int k = Integer.parseInt(name.substring(1));
                if (name.charAt(0) == 'r') {
                    revenue.put(k, new BigDecimal(value.n()));
                } else if (name.charAt(0) == 'a') {
                    active.put(k, Long.parseLong(value.n()));
                }
            }
        });
        AttributeValue customers = item.get(CohortWrites.CUSTOMERS);
        BigDecimal total = revenue.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CohortTotals(customers == null ? 0 : Long.parseLong(customers.n()), total, revenue, active);
    }
}
