package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query-string parameters of a request, as API Gateway HTTP API hands them over: decoded, with a repeated
 * name's values joined by commas (so a repeated override fails its number check instead of one value winning
 * silently).
 */
final class QueryString {

    static final String UNKNOWN_PARAMETER = "UNKNOWN_PARAMETER";

    private final Map<String, String> values;

    QueryString(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static QueryString of(APIGatewayV2HTTPEvent event) {
        if (event.getQueryStringParameters() != null) {
            return new QueryString(event.getQueryStringParameters());
        }
        // Some callers (hand-made events, proxies) set only the raw string: parse it the way API Gateway does.
        return parse(event.getRawQueryString());
    }

    static QueryString parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.merge(name, value, (first, second) -> first + "," + second);
            }
        }
        return new QueryString(values);
    }

    Map<String, String> values() {
        return values;
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A misspelt override must not be ignored: the client would read figures computed with defaults. */
    QueryString requireOnly(Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw ApiException.badRequest(UNKNOWN_PARAMETER, shown, "unknown query parameter '" + shown
                        + "'; this route accepts " + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        return this;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.badRequest("INVALID_PARAMETER", null, "the query string is not correctly percent-encoded");
        }
    }
}
