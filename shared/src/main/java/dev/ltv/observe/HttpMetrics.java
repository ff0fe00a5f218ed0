package dev.ltv.observe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.function.Function;

/**
 * The health metrics of an HTTP API invocation, per function and per route: {@code Latency} (milliseconds in the
 * handler), {@code ClientErrors} and {@code ServerErrors} (1 or 0, so their average is the error rate). The
 * handling may add its own business metrics to the same document.
 */
public final class HttpMetrics {

    public static final String ROUTE = "Route";
    /** Requests that match no route: the route key would otherwise be the raw path, with its ids. */
    static final String UNMATCHED = "unmatched";

    private HttpMetrics() {
    }

    public static APIGatewayV2HTTPResponse measure(APIGatewayV2HTTPEvent event, Context context, String defaultFunctionName,
                                                   Function<InvocationMetrics, APIGatewayV2HTTPResponse> handling) {
        InvocationMetrics metrics = Telemetry.begin(context, defaultFunctionName).alsoBy(ROUTE, route(event));
        long start = System.nanoTime();
        int status = 500;
        try {
            APIGatewayV2HTTPResponse response = handling.apply(metrics);
            status = response.getStatusCode();
            return response;
        } finally {
            metrics.milliseconds("Latency", (System.nanoTime() - start) / 1_000_000)
                    .count("ClientErrors", status >= 400 && status < 500 ? 1 : 0)
                    .count("ServerErrors", status >= 500 ? 1 : 0);
            Telemetry.publish(metrics);
        }
    }

    /** API Gateway's route key ("GET /metrics"); "unmatched" behind a catch-all route or without one. */
    static String route(APIGatewayV2HTTPEvent event) {
        String routeKey = event == null ? null : event.getRouteKey();
        return routeKey == null || routeKey.isBlank() || "$default".equals(routeKey) ? UNMATCHED : routeKey;
    }
}
