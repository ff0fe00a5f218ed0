package dev.ltv.recalc;

import dev.ltv.calc.ChannelTotals;
import dev.ltv.calc.CohortTotals;
import dev.ltv.calc.Period;
import dev.ltv.calc.PurchaseFrequency;
import dev.ltv.calc.Rounding;
import dev.ltv.calc.PeriodTotals;
import dev.ltv.state.CustomerState;
import dev.ltv.state.DayTotal;
import dev.ltv.state.FullState;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

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
}
