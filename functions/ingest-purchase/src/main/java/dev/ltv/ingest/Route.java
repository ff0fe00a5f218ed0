package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;
import dev.ltv.purchase.PurchaseValidator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of ingest's routes a request is for. API Gateway names it in {@code routeKey}; a catch-all route
 * ({@code $default}) or a caller without route keys is matched on method and path instead.
 */
record Route(Kind kind, String customerId, String purchaseId) {

    enum Kind {
        POST_PURCHASES("POST /purchases"),
        PATCH_PURCHASE("PATCH /customers/{customerId}/purchases/{purchaseId}"),
        DELETE_PURCHASE("DELETE /customers/{customerId}/purchases/{purchaseId}"),
        LIST_PURCHASES("GET /customers/{customerId}/purchases");

        final String routeKey;

        Kind(String routeKey) {
            this.routeKey = routeKey;
        }
    }

    private static final Pattern PURCHASE_PATH = Pattern.compile("/customers/([^/]+)/purchases/([^/]+)/?");
    private static final Pattern PURCHASES_PATH = Pattern.compile("/customers/([^/]+)/purchases/?");

    static Route of(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        for (Kind kind : Kind.values()) {
            if (kind.routeKey.equals(routeKey)) {
                return switch (kind) {
                    case POST_PURCHASES -> new Route(kind, null, null);
                    case LIST_PURCHASES -> withCustomerId(event);
                    default -> withPathIds(kind, event);
                };
            }
        }
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? null : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath();
        if (method != null && path != null) {
            if (method.equals("POST") && (path.equals("/purchases") || path.equals("/purchases/"))) {
                return new Route(Kind.POST_PURCHASES, null, null);
            }
            Matcher m = PURCHASE_PATH.matcher(path);
            if (m.matches() && (method.equals("PATCH") || method.equals("DELETE"))) {
                Kind kind = method.equals("PATCH") ? Kind.PATCH_PURCHASE : Kind.DELETE_PURCHASE;
                return new Route(kind, checkedId("customerId", decode(m.group(1))), checkedId("purchaseId", decode(m.group(2))));
            }
            Matcher list = PURCHASES_PATH.matcher(path);
            if (list.matches() && method.equals("GET")) {
                return new Route(Kind.LIST_PURCHASES, checkedId("customerId", decode(list.group(1))), null);
            }
        }
        throw new ApiException(404, "ROUTE_NOT_FOUND", null, "no such route: "
                + (routeKey != null && !routeKey.equals("$default") ? routeKey : method + " " + path));
    }

    private static Route withPathIds(Kind kind, APIGatewayV2HTTPEvent event) {
        Map<String, String> parameters = event.getPathParameters();
        if (parameters != null && parameters.containsKey("customerId") && parameters.containsKey("purchaseId")) {
            return new Route(kind, checkedId("customerId", parameters.get("customerId")),
                    checkedId("purchaseId", parameters.get("purchaseId")));
        }
        Matcher m = event.getRawPath() == null ? null : PURCHASE_PATH.matcher(event.getRawPath());
        if (m == null || !m.matches()) {
            throw ApiException.badRequest("INVALID_PATH", null, "the path must be /customers/{customerId}/purchases/{purchaseId}");
        }
        return new Route(kind, checkedId("customerId", decode(m.group(1))), checkedId("purchaseId", decode(m.group(2))));
    }

    private static Route withCustomerId(APIGatewayV2HTTPEvent event) {
        Map<String, String> parameters = event.getPathParameters();
        if (parameters != null && parameters.containsKey("customerId")) {
            return new Route(Kind.LIST_PURCHASES, checkedId("customerId", parameters.get("customerId")), null);
        }
        Matcher m = event.getRawPath() == null ? null : PURCHASES_PATH.matcher(event.getRawPath());
        if (m == null || !m.matches()) {
            throw ApiException.badRequest("INVALID_PATH", null, "the path must be /customers/{customerId}/purchases");
        }
        return new Route(Kind.LIST_PURCHASES, checkedId("customerId", decode(m.group(1))), null);
    }

    private static String checkedId(String name, String value) {
        if (!PurchaseValidator.isValidId(value)) {
            throw ApiException.badRequest("INVALID_FIELD", name, "the path's " + name + " must be 1 to "
                    + PurchaseValidator.MAX_ID_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
        return value;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
