package dev.ltv.query;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a parameter of the formula came from: the deployment's configuration, or this request's query string. */
enum ParameterSource {
    DEFAULT("default"),
    REQUEST("request");

    private final String json;

    ParameterSource(String json) {
        this.json = json;
    }

    @JsonValue
    String json() {
        return json;
    }
}
