package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which route a request is for. API Gateway names it in {@code routeKey}; behind a catch-all {@code $default}
 * route (or a hand-made event without one) the method and path decide.
 *
 * @param customerId the {@code {customerId}} path parameter of the customer route, else null
 */
record Route(Kind kind, String customerId) {

    enum Kind { CUSTOMER_LTV, CUSTOMERS, METRICS, MODEL, CHANNELS, COHORTS, SEGMENTS }

    static final String CUSTOMER_LTV = "GET /customers/{customerId}/ltv";
    static final String CUSTOMERS = "GET /customers";
    static final String METRICS = "GET /metrics";
    static final String MODEL = "GET /model";
    static final String CHANNELS = "GET /channels";
    static final String COHORTS = "GET /cohorts";
    static final String SEGMENTS = "GET /segments";

    // Ingest accepts customer ids of 1–128 of these characters; no other id can have state.
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CUSTOMER_PATH = Pattern.compile("/customers/([^/]+)/ltv/?");

    static Route of(APIGatewayV2HTTPEvent event) {
        String routeKey = event == null ? null : event.getRouteKey();
        if (CUSTOMER_LTV.equals(routeKey)) {
            Map<String, String> path = event.getPathParameters();
            return customer(path == null ? null : path.get("customerId"));
        }
        if (CUSTOMERS.equals(routeKey)) {
            return new Route(Kind.CUSTOMERS, null);
        }
        if (METRICS.equals(routeKey)) {
            return new Route(Kind.METRICS, null);
        }
        if (MODEL.equals(routeKey)) {
            return new Route(Kind.MODEL, null);
        }
        if (CHANNELS.equals(routeKey)) {
            return new Route(Kind.CHANNELS, null);
        }
        if (COHORTS.equals(routeKey)) {
            return new Route(Kind.COHORTS, null);
        }
        if (SEGMENTS.equals(routeKey)) {
            return new Route(Kind.SEGMENTS, null);
        }
        if (event != null && (routeKey == null || "$default".equals(routeKey))) {
            String method = method(event);
            String path = event.getRawPath();
            if ("GET".equals(method) && path != null) {
                if (path.equals("/customers") || path.equals("/customers/")) {
                    return new Route(Kind.CUSTOMERS, null);
                }
                if (path.equals("/metrics") || path.equals("/metrics/")) {
                    return new Route(Kind.METRICS, null);
                }
                if (path.equals("/model") || path.equals("/model/")) {
                    return new Route(Kind.MODEL, null);
                }
                if (path.equals("/channels") || path.equals("/channels/")) {
                    return new Route(Kind.CHANNELS, null);
                }
                if (path.equals("/cohorts") || path.equals("/cohorts/")) {
                    return new Route(Kind.COHORTS, null);
                }
                if (path.equals("/segments") || path.equals("/segments/")) {
                    return new Route(Kind.SEGMENTS, null);
                }
                Matcher customer = CUSTOMER_PATH.matcher(path);
                if (customer.matches()) {
                    return customer(decode(customer.group(1)));
                }
            }
        }
        throw new ApiException(404, "ROUTE_NOT_FOUND", null, "no such route: " + describe(event)
                + "; this API serves GET /customers/{customerId}/ltv, GET /customers, GET /metrics, GET /model, GET /channels, GET /cohorts and GET /segments");
    }

    private static Route customer(String id) {
        if (id == null || !CUSTOMER_ID.matcher(id).matches()) {
            throw ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, "customerId",
                    "customerId must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
        return new Route(Kind.CUSTOMER_LTV, id);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, "customerId",
                    "the path's customerId is not correctly percent-encoded");
        }
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
    }

    private static String describe(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return "(none)";
        }
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        return method(event) + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path);
    }
}
