package dev.ltv.query;

import dev.ltv.calc.Rounding;
import dev.ltv.model.CompanyForecast;
import dev.ltv.model.MeasuredLifespan;
import dev.ltv.model.StoredModel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** The fit pass's company forecast and measured lifespan, as {@code GET /metrics} and {@code GET /model} show them. */
final class MetricsForecast {

    private MetricsForecast() {
    }

    /** @param expectedRevenue in the base currency, rounded to its minor unit */
    record Forecast(long modelVersion, String asOf, int horizonMonths, long customers,
                    BigDecimal expectedActiveCustomers, BigDecimal expectedPurchases, BigDecimal expectedRevenue) {
    }

    /**
     * @param status OK, or INSUFFICIENT_DATA with the {@code reason} and no {@code years}
     */
    record Lifespan(String status, BigDecimal years, long lapsedCustomers, int lapseDays, long modelVersion,
                    String reason) {
    }

    /** Null for versions saved before the forecast. */
    static Forecast forecast(StoredModel model, Currency currency) {
        CompanyForecast f = model.forecast();
        if (f == null) {
            return null;
        }
        return new Forecast(model.version(), f.asOf().toString(), f.horizonMonths(), f.customers(),
                ratio(f.expectedActiveCustomers()), ratio(f.expectedPurchases()),
                Rounding.money(BigDecimal.valueOf(f.expectedRevenue()), currency));
    }

    /** Null for versions saved before the lifespan was measured. */
    static Lifespan lifespan(StoredModel model) {
        MeasuredLifespan l = model.lifespan();
        if (l == null) {
            return null;
        }
        return l.measured()
                ? new Lifespan("OK", ratio(l.years()), l.lapsedCustomers(), l.lapseDays(), model.version(), null)
                : new Lifespan("INSUFFICIENT_DATA", null, l.lapsedCustomers(), l.lapseDays(), model.version(),
                l.reason());
    }

    static BigDecimal ratio(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN);
    }
}
