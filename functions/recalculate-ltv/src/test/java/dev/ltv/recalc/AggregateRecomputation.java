package dev.ltv.recalc;

import dev.ltv.calc.ChannelTotals;
import dev.ltv.calc.CohortTotals;
import dev.ltv.calc.Period;
import dev.ltv.calc.PurchaseFrequency;
import dev.ltv.calc.Rounding;
import dev.ltv.calc.PeriodTotals;
import dev.ltv.state.ChannelStore;
import dev.ltv.state.CohortStore;
import dev.ltv.state.CustomerState;
import dev.ltv.state.DayTotal;
import dev.ltv.state.FullState;
import dev.ltv.state.PeriodStore;
import dev.ltv.state.StateStore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The company's aggregates recomputed from scratch, from every customer's full recomputation (the chaos test's
 * reference): the sums of every year, quarter and month, with each customer counted once in a period.
 */
final class AggregateRecomputation {

    final Map<String, PeriodTotals> periods = new TreeMap<>();
    final Map<String, ChannelTotals> channels = new TreeMap<>();
    final Map<java.time.YearMonth, CohortTotals> cohorts = new TreeMap<>();

    void add(FullState customer) {
        CustomerState state = customer.state();
        if (state != null && state.hasPurchases()) {
            // the channel rule, recomputed here from the first purchase day's channels (not taken from the state)
            DayTotal first = customer.days().get(state.firstDay());
            String channel = firstDayChannel(first.channels());
            BigDecimal customerValue = state.revenue()
                    .multiply(PurchaseFrequency.perYear(state.purchases(), state.firstDay(), state.lastDay()), Rounding.INTERMEDIATE)
                    .divide(BigDecimal.valueOf(state.purchases()), Rounding.INTERMEDIATE)
                    .setScale(12, java.math.RoundingMode.HALF_EVEN);
            channels.merge(channel, new ChannelTotals(1, state.purchases(), state.revenue(), customerValue), ChannelTotals::plus);
            // the cohort: the first purchase day's month; each day's spend at its month since then (earlier: month 0),
            // and the customer once in each month it bought in
            java.time.YearMonth cohort = java.time.YearMonth.from(state.firstDay());
            TreeMap<Integer, BigDecimal> revenue = new TreeMap<>();
            TreeMap<Integer, Long> active = new TreeMap<>();
            BigDecimal total = BigDecimal.ZERO;
            for (DayTotal day : customer.days().values()) {
                int k = (int) Math.max(0, java.time.temporal.ChronoUnit.MONTHS.between(cohort, java.time.YearMonth.from(day.day())));
                revenue.merge(k, day.spend(), BigDecimal::add);
                if (day.purchases() > 0) {
                    active.put(k, 1L);
                }
                total = total.add(day.spend());
            }
            cohorts.merge(cohort, new CohortTotals(1, total, revenue, active), CohortTotals::plus);
        }
        Map<String, PeriodTotals> own = new TreeMap<>();
        Map<String, Period> byLabel = new TreeMap<>();
        for (DayTotal day : customer.days().values()) {
            for (Period period : periodsOf(day)) {
                byLabel.put(period.label(), period);
                own.merge(period.label(), new PeriodTotals(0, day.purchases(), day.spend()), PeriodTotals::plus);
            }
        }
        own.forEach((label, totals) -> periods.merge(label,
                new PeriodTotals(totals.purchases() > 0 ? 1 : 0, totals.purchases(), totals.revenue()), PeriodTotals::plus));
    }

    /** The alphabetically first named channel of the first day; "unknown" when none is named. */
    static String firstDayChannel(Map<String, Long> channels) {
        return channels.entrySet().stream().filter(e -> e.getValue() > 0 && !e.getKey().equals("unknown"))
                .map(Map.Entry::getKey).sorted().findFirst().orElse("unknown");
    }

    static Period[] periodsOf(DayTotal day) {
        int year = day.day().getYear();
        int month = day.day().getMonthValue();
        return new Period[] {
                new Period(year, 1, 12), new Period(year, (month - 1) / 3 * 3 + 1, 3), new Period(year, month, 1)};
    }

    PeriodTotals period(String label) {
        return periods.getOrDefault(label, new PeriodTotals(0, 0, BigDecimal.ZERO));
    }

    /**
     * Asserts that the stored period sums (every year, quarter and month of {@code fromYear}..{@code toYear}),
     * channel sums and cohorts equal this recomputation; returns how many periods had purchases.
     */
    int assertStoredIn(StateStore store, int fromYear, int toYear) {
        PeriodStore periods = new PeriodStore(store);
        int periodsChecked = 0;
        for (int year = fromYear; year <= toYear; year++) {
            for (Period period : everyPeriodOf(year)) {
                PeriodTotals expected = period(period.label());
                PeriodTotals stored = periods.readPeriod(period, true);
                assertEquals(expected.customers(), stored.customers(), period.label() + " unique customers");
                assertEquals(expected.purchases(), stored.purchases(), period.label() + " purchases");
                assertEquals(0, expected.revenue().compareTo(stored.revenue()), period.label() + " revenue "
                        + stored.revenue() + " vs " + expected.revenue());
                periodsChecked += expected.purchases() > 0 ? 1 : 0;
            }
        }
        Map<String, ChannelTotals> storedChannels = new ChannelStore(store).readChannels(true);
        assertEquals(channels.keySet(), storedChannels.keySet(), "channels");
        channels.forEach((channel, expected) -> {
            ChannelTotals stored = storedChannels.get(channel);
            assertEquals(expected.customers(), stored.customers(), channel + " customers");
            assertEquals(expected.purchases(), stored.purchases(), channel + " purchases");
            assertEquals(0, expected.revenue().compareTo(stored.revenue()), channel + " revenue");
            assertEquals(0, expected.customerValueSum().compareTo(stored.customerValueSum()), channel + " customer value sum");
        });
        var storedCohorts = new CohortStore(store).readCohorts(true);
        assertEquals(cohorts.keySet(), storedCohorts.keySet(), "cohorts");
        cohorts.forEach((cohort, expected) -> {
            CohortTotals stored = storedCohorts.get(cohort);
            assertEquals(expected.customers(), stored.customers(), cohort + " customers");
            assertEquals(0, expected.revenue().compareTo(stored.revenue()), cohort + " revenue");
            int months = Math.max(expected.revenueByMonth().isEmpty() ? 0 : expected.revenueByMonth().lastKey(),
                    stored.revenueByMonth().isEmpty() ? 0 : stored.revenueByMonth().lastKey());
            for (int k = 0; k <= months + 1; k++) {
                assertEquals(0, expected.revenueIn(k).compareTo(stored.revenueIn(k)), cohort + " revenue in month " + k);
                assertEquals(expected.activeIn(k), stored.activeIn(k), cohort + " active customers in month " + k);
            }
        });
        return periodsChecked;
    }

    static List<Period> everyPeriodOf(int year) {
        List<Period> periods = new ArrayList<>();
        periods.add(Period.parse(String.valueOf(year)).orElseThrow());
        for (int quarter = 1; quarter <= 4; quarter++) {
            periods.add(Period.parse(year + "-Q" + quarter).orElseThrow());
        }
        for (int month = 1; month <= 12; month++) {
            periods.add(Period.parse(String.format("%d-%02d", year, month)).orElseThrow());
        }
        return periods;
    }

}
