package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.calc.CohortTotals;
import dev.ltv.calc.Rounding;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code GET /cohorts?by=month|quarter}: per acquisition cohort, its customers, their revenue to date, revenue per
 * customer, and the curve by months since acquisition up to the current month: cumulative revenue per customer and
 * the customers with a purchase in that month. A quarter's cohort is its three months' cohorts together, each
 * customer's months counted from their own acquisition month. Pure apart from what the caller read.
 */
final class CohortsAssembler {

    static final String BY = "by";

    private final Currency currency;

    CohortsAssembler(Currency currency) {
        this.currency = currency;
    }

    /** month (the default) or quarter; 400 INVALID_PARAMETER otherwise. */
    static boolean byQuarter(QueryString query) {
        String by = query.get(BY).orElse("month");
        return switch (by) {
            case "month" -> false;
            case "quarter" -> true;
            default -> throw ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, BY, "by must be month or quarter");
        };
    }

    CohortsView assemble(SortedMap<YearMonth, CohortTotals> byMonth, boolean byQuarter, YearMonth currentMonth) {
        Map<String, CohortTotals> cohorts = new TreeMap<>();
        Map<String, YearMonth> firstMonth = new TreeMap<>();
        byMonth.forEach((month, totals) -> {
            String label = byQuarter ? month.getYear() + "-Q" + ((month.getMonthValue() + 2) / 3) : month.toString();
            cohorts.merge(label, totals, CohortTotals::plus);
            YearMonth quarterStart = byQuarter ? YearMonth.of(month.getYear(), (month.getMonthValue() - 1) / 3 * 3 + 1) : month;
            firstMonth.put(label, quarterStart);
        });
        List<CohortView> views = new ArrayList<>();
        cohorts.forEach((label, totals) -> {
            BigDecimal customers = BigDecimal.valueOf(totals.customers());
            // the curve reaches the current month (a cohort acquired later than that, e.g. a purchase dated a few
            // minutes ahead, has month 0 only)
            long last = Math.max(0, ChronoUnit.MONTHS.between(firstMonth.get(label), currentMonth));
            last = Math.max(last, totals.revenueByMonth().isEmpty() ? 0 : totals.revenueByMonth().lastKey());
            List<CurvePoint> curve = new ArrayList<>();
            BigDecimal cumulative = BigDecimal.ZERO;
            for (int k = 0; k <= last; k++) {
                cumulative = cumulative.add(totals.revenueIn(k));
                curve.add(new CurvePoint(k, Rounding.money(Rounding.divide(cumulative, customers), currency), totals.activeIn(k)));
            }
            views.add(new CohortView(label, totals.customers(), Rounding.money(totals.revenue(), currency),
                    Rounding.money(Rounding.divide(totals.revenue(), customers), currency), curve));
        });
        return new CohortsView(currency.getCurrencyCode(), byQuarter ? "quarter" : "month", views);
    }

    record CohortsView(String currency, String by, List<CohortView> cohorts) {
    }

    record CohortView(String cohort, long customers, BigDecimal revenue, BigDecimal revenuePerCustomer, List<CurvePoint> curve) {
    }

    /**
     * @param cumulativeRevenuePerCustomer revenue of the cohort's customers up to and including this month since
     *                                     acquisition, per customer of the cohort
     * @param activeCustomers              the cohort's customers with a purchase in this month since acquisition
     */
    record CurvePoint(int monthsSinceAcquisition, BigDecimal cumulativeRevenuePerCustomer, long activeCustomers) {
    }
}
