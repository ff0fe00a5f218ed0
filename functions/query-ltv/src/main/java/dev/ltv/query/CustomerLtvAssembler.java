package dev.ltv.query;

import dev.ltv.calc.ClassicLtv;
import dev.ltv.calc.PurchaseFrequency;
import dev.ltv.calc.Rounding;
import dev.ltv.state.CustomerState;

import java.time.LocalDate;
import java.util.Currency;

/**
 * Builds a customer's response from the stored state: inputs, parameters, classic figures and, once there is
 * one, the predictive section. Pure: no I/O of its own.
 */
final class CustomerLtvAssembler {

    static final String NO_PURCHASES_NOTE = "no purchase of this customer is left (they were deleted) but refunds"
            + " of them remain, so revenue is negative or zero; the classic figures need at least one purchase";

    private final Currency currency;
    private final PredictiveSection predictive;

    CustomerLtvAssembler(Currency currency, PredictiveSection predictive) {
        this.currency = currency;
        this.predictive = predictive;
    }

    Views.CustomerLtv assemble(CustomerState state, ChosenParameters parameters, LocalDate asOf) {
        Views.Classic classic = state.classicTotals()
                .map(totals -> Views.Classic.of(ClassicLtv.customer(totals, parameters.parameters(), currency)))
                .orElse(null);
        return new Views.CustomerLtv(
                state.customerId(),
                currency.getCurrencyCode(),
                asOf.toString(),
                state.updatedAt().toString(),
                inputs(state),
                Views.Parameters.of(parameters, currency),
                classic,
                classic == null ? NO_PURCHASES_NOTE : null,
                predictive.forCustomer(state, asOf, parameters.parameters().grossMargin()).orElse(null),
                SegmentViews.CustomerSegments.of(state.segments()));
    }

    private Views.Inputs inputs(CustomerState state) {
        boolean purchases = state.hasPurchases();
        return new Views.Inputs(
                Rounding.money(state.revenue(), currency),
                state.purchases(),
                state.purchaseDays(),
                purchases ? state.firstDay().toString() : null,
                purchases ? state.lastDay().toString() : null,
                purchases ? PurchaseFrequency.observedSpanDays(state.firstDay(), state.lastDay()) : null,
                purchases ? Rounding.ratio(PurchaseFrequency.windowYears(state.firstDay(), state.lastDay())) : null);
    }
}
