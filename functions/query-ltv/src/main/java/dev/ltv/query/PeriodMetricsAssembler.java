package dev.ltv.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ltv.api.ApiException;
import dev.ltv.calc.Period;
import dev.ltv.calc.PeriodLtv;
import dev.ltv.calc.PeriodTotals;
import dev.ltv.calc.Rounding;

import java.math.BigDecimal;
import java.util.Currency;

/** Builds {@code GET /metrics?period=…} from the period's summed figures. Pure: no I/O of its own. */
final class PeriodMetricsAssembler {

    static final String PARAMETER = "period";
    static final String NO_CUSTOMERS_NOTE = "no customer bought in this period, so there is nothing to average";

    private final Currency currency;

    PeriodMetricsAssembler(Currency currency) {
        this.currency = currency;
    }

    /** The period a request names; 400 INVALID_PARAMETER for anything but yyyy, yyyy-Qn or yyyy-MM. */
    static Period parse(String label) {
        return Period.parse(label).orElseThrow(() -> ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, PARAMETER,
                "period must be a year (2025), a quarter (2025-Q3) or a month (2025-07)"));
    }

    PeriodMetrics assemble(Period period, PeriodTotals totals, ChosenParameters parameters) {
        boolean computable = totals.customers() > 0 && totals.purchases() > 0;
        Views.Classic classic = computable
                ? Views.Classic.of(PeriodLtv.of(totals, period, parameters.parameters(), currency))
                : null;
        return new PeriodMetrics(
                currency.getCurrencyCode(),
                new PeriodView(period.label(), period.from().toString(), period.to().toString(), period.months()),
                totals.customers(),
                totals.purchases(),
                Rounding.money(totals.revenue(), currency),
                Views.Parameters.of(parameters, currency),
                classic,
                computable ? null : NO_CUSTOMERS_NOTE);
    }

    /** @param months the period's length, by which its frequency is annualised (× 12 / months) */
    record PeriodView(String label, String from, String to, int months) {
    }

    record PeriodMetrics(
            String currency,
            PeriodView period,
            long customers,
            long purchases,
            BigDecimal revenue,
            Views.Parameters parameters,
            @JsonInclude(JsonInclude.Include.ALWAYS) Views.Classic classic,
            String note) {
    }
}
