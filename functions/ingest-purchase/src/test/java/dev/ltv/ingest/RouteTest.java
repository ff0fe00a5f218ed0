package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTest {

    private static APIGatewayV2HTTPEvent event(String routeKey, String method, String path, Map<String, String> parameters) {
        return IngestFixture.request(method, path, routeKey, null, null, parameters);
    }

    @Test
    void dispatchesOnTheRouteKey() {
        Route post = Route.of(event("POST /purchases", "POST", "/purchases", null));
        assertEquals(Route.Kind.POST_PURCHASES, post.kind());
        assertNull(post.customerId());

        Route patch = Route.of(event(IngestFixture.PATCH, "PATCH", "/customers/c-1/purchases/p-1",
                Map.of("customerId", "c-1", "purchaseId", "p-1")));
        assertEquals(new Route(Route.Kind.PATCH_PURCHASE, "c-1", "p-1"), patch);

        assertEquals(new Route(Route.Kind.LIST_PURCHASES, "c-1", null), Route.of(event(IngestFixture.LIST, "GET",
                "/customers/c-1/purchases", Map.of("customerId", "c-1"))));
        assertEquals(new Route(Route.Kind.LIST_PURCHASES, "c:1", null),
                Route.of(event(IngestFixture.LIST, "GET", "/customers/c%3A1/purchases", null)));
    }

    @Test
    void readsIdsFromThePathWhenThereAreNoPathParameters() {
        assertEquals(new Route(Route.Kind.DELETE_PURCHASE, "c:1", "p.1"),
                Route.of(event(IngestFixture.DELETE, "DELETE", "/customers/c%3A1/purchases/p.1", null)));
    }

    @Test
    void matchesMethodAndPathBehindACatchAllRoute() {
        assertEquals(Route.Kind.POST_PURCHASES, Route.of(event("$default", "POST", "/purchases", null)).kind());
        assertEquals(new Route(Route.Kind.PATCH_PURCHASE, "c-1", "p-1"),
                Route.of(event("$default", "PATCH", "/customers/c-1/purchases/p-1", null)));
        assertEquals(new Route(Route.Kind.DELETE_PURCHASE, "c-1", "p-1"),
                Route.of(event(null, "DELETE", "/customers/c-1/purchases/p-1/", null)));
        assertEquals(new Route(Route.Kind.LIST_PURCHASES, "c-1", null),
                Route.of(event("$default", "GET", "/customers/c-1/purchases", null)));
        assertEquals(404, assertThrows(ApiException.class,
                () -> Route.of(event("$default", "POST", "/customers/c-1/purchases", null))).status());
        assertEquals(404, assertThrows(ApiException.class,
                () -> Route.of(event("$default", "GET", "/customers/c-1/purchases/p-1", null))).status());
    }

    @Test
    void anythingElseIs404() {
        ApiException e = assertThrows(ApiException.class, () -> Route.of(event("GET /purchases", "GET", "/purchases", null)));
        assertEquals(404, e.status());
        assertEquals("ROUTE_NOT_FOUND", e.code());
        assertEquals(404, assertThrows(ApiException.class,
                () -> Route.of(event("$default", "PUT", "/customers/c-1/purchases/p-1", null))).status());
    }

    @Test
    void pathIdsFollowTheIdRules() {
        ApiException e = assertThrows(ApiException.class, () -> Route.of(event(IngestFixture.DELETE, "DELETE",
                "/customers/c%231/purchases/p-1", Map.of("customerId", "c#1", "purchaseId", "p-1"))));
        assertEquals(400, e.status());
        assertEquals("customerId", e.field());
    }
}
