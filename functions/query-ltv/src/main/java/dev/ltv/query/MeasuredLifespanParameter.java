package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.model.MeasuredLifespan;
import dev.ltv.model.StoredModel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code lifespanYears=measured} (a request) or LIFESPAN_YEARS=measured (the deployment): the lifespan the latest
 * model's fit measured, with source {@code measured} and the model version in {@code parameters}. Without a
 * measured figure (no model yet, a version saved before the measurement, fewer lapsed customers than the minimum,
 * or a mean span of 0: every lapsed customer bought once) the request is answered 422 INSUFFICIENT_DATA, naming
 * the reason: a figure made up from a default would be the opposite of what was asked for. A request's own
 * {@code lifespanYears} or {@code annualChurnRate} still overrides a configured "measured".
 */
final class MeasuredLifespanParameter {

    static final String MEASURED = "measured";
    static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    private final boolean configured;

    MeasuredLifespanParameter(boolean configured) {
        this.configured = configured;
    }

    static boolean requested(QueryString query) {
        return query.get(ParameterOverrides.LIFESPAN_YEARS).map(MEASURED::equals).orElse(false);
    }

    ChosenParameters apply(QueryString query, ChosenParameters chosen, Supplier<Optional<StoredModel>> latest) {
        boolean wanted = requested(query) || (configured && chosen.lifespanYears() == ParameterSource.DEFAULT);
        if (!wanted) {
            return chosen;
        }
        Optional<StoredModel> model = latest.get();
        String origin = requested(query) ? "lifespanYears=measured" : "the deployment's LIFESPAN_YEARS=measured";
        if (model.isEmpty()) {
            throw insufficient(origin + ": no model has been fitted yet, so no lifespan has been measured"
                    + " (POST /model/fit, or wait for the schedule); give lifespanYears=<years> meanwhile");
        }
        MeasuredLifespan lifespan = model.get().lifespan();
        if (lifespan == null) {
            throw insufficient(origin + ": model version " + model.get().version() + " was fitted before lifespans"
                    + " were measured; the next fit measures it");
        }
        if (!lifespan.measured()) {
            throw insufficient(origin + ": " + lifespan.reason() + " (model version " + model.get().version() + ")");
        }
        BigDecimal years = BigDecimal.valueOf(lifespan.years()).setScale(6, RoundingMode.HALF_EVEN);
        if (years.signum() <= 0) {
            throw insufficient(origin + ": every one of the " + lifespan.lapsedCustomers() + " lapsed customers bought"
                    + " on one day only, so the measured lifespan is 0 years (model version " + model.get().version() + ")");
        }
        return chosen.withMeasuredLifespan(years, model.get().version());
    }

    private static ApiException insufficient(String message) {
        return new ApiException(422, INSUFFICIENT_DATA, ParameterOverrides.LIFESPAN_YEARS, message);
    }
}
