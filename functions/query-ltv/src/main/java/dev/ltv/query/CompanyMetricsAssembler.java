package dev.ltv.query;

import dev.ltv.calc.ClassicLtv;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.calc.Rounding;

import dev.ltv.model.StoredModel;

import java.util.Currency;
import java.util.Optional;

/** Builds the company-level response from the summed company totals. Pure: no I/O of its own. */
final class CompanyMetricsAssembler {

    static final String NO_CUSTOMERS_NOTE = "no customer has a purchase yet, so there is nothing to average";

    private final Currency currency;

    CompanyMetricsAssembler(Currency currency) {
        this.currency = currency;
    }

    Views.CompanyMetrics assemble(CompanyTotals totals, ChosenParameters parameters) {
        return assemble(totals, parameters, Optional.empty());
    }

    /** With the latest model's company forecast and measured lifespan (left out without a model). */
    Views.CompanyMetrics assemble(CompanyTotals totals, ChosenParameters parameters, Optional<StoredModel> model) {
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
                computable ? null : NO_CUSTOMERS_NOTE,
                model.map(m -> MetricsForecast.forecast(m, currency)).orElse(null),
                model.map(MetricsForecast::lifespan).orElse(null));
    }
}
