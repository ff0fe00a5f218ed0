package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTest {

    private static APIGatewayV2HTTPEvent event(String routeKey, String method, String path, Map<String, String> pathParameters) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    @Test
    void theRouteKeyDecides() {
        assertEquals(new Route(Route.Kind.CUSTOMER_LTV, "c-1001"),
                Route.of(event(Route.CUSTOMER_LTV, "GET", "/customers/c-1001/ltv", Map.of("customerId", "c-1001"))));
        assertEquals(new Route(Route.Kind.METRICS, null), Route.of(event(Route.METRICS, "GET", "/metrics", null)));
        assertEquals(new Route(Route.Kind.CHANNELS, null), Route.of(event(Route.CHANNELS, "GET", "/channels", null)));
        assertEquals(new Route(Route.Kind.COHORTS, null), Route.of(event(Route.COHORTS, "GET", "/cohorts", null)));
        assertEquals(new Route(Route.Kind.MODEL, null), Route.of(event(Route.MODEL, "GET", "/model", null)));
    }

    @Test
    void behindACatchAllRouteMethodAndPathDecide() {
        assertEquals(new Route(Route.Kind.CUSTOMER_LTV, "shop:c.1_0-1"),
                Route.of(event("$default", "GET", "/customers/shop%3Ac.1_0-1/ltv", null)));
        assertEquals(new Route(Route.Kind.METRICS, null), Route.of(event("$default", "GET", "/metrics", null)));
        assertEquals(new Route(Route.Kind.METRICS, null), Route.of(event(null, "GET", "/metrics/", null)));
        assertEquals(new Route(Route.Kind.CHANNELS, null), Route.of(event("$default", "GET", "/channels", null)));
        assertEquals(new Route(Route.Kind.COHORTS, null), Route.of(event(null, "GET", "/cohorts/", null)));
        assertEquals(new Route(Route.Kind.MODEL, null), Route.of(event("$default", "GET", "/model", null)));
    }

    @Test
    void anythingElseIsA404() {
        for (APIGatewayV2HTTPEvent other : new APIGatewayV2HTTPEvent[]{
                event("POST /purchases", "POST", "/purchases", null),
                event("$default", "POST", "/metrics", null),
                event("$default", "POST", "/model", null),
                event("$default", "GET", "/model/fit", null),
                event("$default", "GET", "/customers/c-1/ltv/extra", null),
                event("$default", "GET", "/", null),
                null}) {
            ApiException e = assertThrows(ApiException.class, () -> Route.of(other));
            assertEquals(404, e.status());
            assertEquals("ROUTE_NOT_FOUND", e.code());
        }
    }

    @Test
    void aCustomerIdThatIngestWouldNeverAcceptIsA400() {
        for (String id : new String[]{"", "c 1", "c/1", "c".repeat(129), "ç-1"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> Route.of(event(Route.CUSTOMER_LTV, "GET", "/customers/x/ltv", Map.of("customerId", id))), id);
            assertEquals(400, e.status(), id);
            assertEquals("customerId", e.field(), id);
        }
        // behind a catch-all route the id is decoded from the path: a malformed escape is the client's mistake
        for (String path : new String[]{"/customers/%zz/ltv", "/customers/c-1%/ltv", "/customers/%E/ltv"}) {
            ApiException e = assertThrows(ApiException.class, () -> Route.of(event("$default", "GET", path, null)), path);
            assertEquals(400, e.status(), path);
            assertEquals("INVALID_PARAMETER", e.code(), path);
            assertEquals("customerId", e.field(), path);
        }
        // the longest id ingest accepts
        assertEquals("c".repeat(128), Route.of(event(Route.CUSTOMER_LTV, "GET", "/customers/x/ltv",
                Map.of("customerId", "c".repeat(128)))).customerId());
    }
}
