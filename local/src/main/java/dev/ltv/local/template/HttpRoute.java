package dev.ltv.local.template;

import java.util.Locale;

/**
 * One route of the HTTP API, as a function's HttpApi event declares it.
 *
 * @param method upper-case HTTP method, or ANY
 * @param path   path template such as {@code /customers/{customerId}/ltv}, or {@code $default}
 */
public record HttpRoute(String method, String path) {

    public static final String ANY = "ANY";
    public static final String DEFAULT_PATH = "$default";

    public HttpRoute {
        method = method == null || method.isBlank() ? ANY : method.trim().toUpperCase(Locale.ROOT);
        path = path == null || path.isBlank() ? DEFAULT_PATH : path.trim();
    }

    /** The route key API Gateway puts into the event, e.g. {@code GET /customers/{customerId}/ltv}. */
    public String routeKey() {
        return DEFAULT_PATH.equals(path) ? DEFAULT_PATH : method + " " + path;
    }
}
