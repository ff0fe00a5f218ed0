package dev.ltv.query;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a parameter of the formula came from: the deployment's configuration, this request's query string, or
 * (the lifespan) the latest model's measurement.
 */
enum ParameterSource {
    DEFAULT("default"),
    REQUEST("request"),
    /** The lifespan the latest model's fit measured ({@code lifespanYears=measured} or LIFESPAN_YEARS=measured). */
    MEASURED("measured");

    private final String json;

    ParameterSource(String json) {
        this.json = json;
    }

    @JsonValue
    String json() {
        return json;
    }
}
