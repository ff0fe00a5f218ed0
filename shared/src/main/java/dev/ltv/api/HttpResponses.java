package dev.ltv.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Map;

/** API Gateway HTTP API (payload 2.0) responses with JSON bodies. */
public final class HttpResponses {

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-store");

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(JSON_HEADERS)
                .withBody(Json.write(body))
                .build();
    }

    public static APIGatewayV2HTTPResponse error(ApiException e) {
        return json(e.status(), e.toError().body());
    }

    /** For failures that are not the client's: a fixed message, the details go to the log only. */
    public static APIGatewayV2HTTPResponse internalError(String requestId) {
        return json(500, new ApiError("INTERNAL_ERROR",
                "the request could not be completed; retry, and report request id " + requestId + " if it persists",
                null).body());
    }

    public static APIGatewayV2HTTPResponse serviceUnavailable(String requestId) {
        return json(503, new ApiError("SERVICE_UNAVAILABLE",
                "the service is busy; retry with backoff (request id " + requestId + ")", null).body());
    }
}
