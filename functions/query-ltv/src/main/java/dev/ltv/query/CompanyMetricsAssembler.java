package dev.ltv.query;

import dev.ltv.calc.ClassicLtv;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.calc.Rounding;

import java.util.Currency;

/** Builds the company-level response from the summed company totals. Pure: no I/O of its own. */
final class CompanyMetricsAssembler {

    static final String NO_CUSTOMERS_NOTE = "no customer has a purchase yet, so there is nothing to average";

    private final Currency currency;

    CompanyMetricsAssembler(Currency currency) {
        this.currency = currency;
    }

    Views.CompanyMetrics assemble(CompanyTotals totals, ChosenParameters parameters) {
        // Averages over nobody are undefined, not zero: say so instead of dividing by zero.
        boolean computable = totals.customers() > 0 && totals.purchases() > 0;
        Views.Classic classic = computable
                ? Views.Classic.of(ClassicLtv.company(totals, parameters.parameters(), currency))
                : null;
        return new Views.CompanyMetrics(
                currency.getCurrencyCode(),
                totals.customers(),
                totals.purchases(),
                Rounding.money(totals.revenue(), currency),
                Views.Parameters.of(parameters, currency),
                classic,
                computable ? null : NO_CUSTOMERS_NOTE);
    }
}
