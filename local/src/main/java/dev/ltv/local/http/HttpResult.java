package dev.ltv.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.api.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What goes back to the client: a handler's response mapped as API Gateway maps payload 2.0 responses, or
 * one of API Gateway's own fixed error answers.
 *
 * @param status  HTTP status
 * @param headers header lines, in order (a name may repeat, e.g. Set-Cookie)
 * @param body    body bytes
 */
public record HttpResult(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public static HttpResult notFound() {
        return gatewayError(404, "Not Found");
    }

    public static HttpResult internalServerError() {
        return gatewayError(500, "Internal Server Error");
    }

    public static HttpResult badRequest() {
        return gatewayError(400, "Bad Request");
    }

    /** The reason phrase API Gateway puts in its own error answers. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Bad Request" : "Internal Server Error";
        };
    }

    public static HttpResult tooLarge() {
        return gatewayError(413, "Request Entity Too Large");
    }

    /** API Gateway's own error answers carry a JSON body with a fixed message. */
    public static HttpResult gatewayError(int status, String message) {
        return new HttpResult(status, List.of(Map.entry("content-type", "application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Maps what the handler returned. An APIGatewayV2HTTPResponse gives status, headers, multi-value
     * headers, cookies (as Set-Cookie) and body (base64-decoded when flagged); any other value is, as API
     * Gateway infers for payload 2.0, a 200 with that value as JSON.
     *
     * @throws IllegalArgumentException when the response is malformed (API Gateway answers 500 then)
     */
    public static HttpResult fromHandler(Object result) {
        if (result == null) {
            throw new IllegalArgumentException("the handler returned null");
        }
        if (!(result instanceof APIGatewayV2HTTPResponse response)) {
            return new HttpResult(200, List.of(Map.entry("content-type", "application/json")),
                    Json.write(result).getBytes(StandardCharsets.UTF_8));
        }
        if (response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            throw new IllegalArgumentException("the handler returned status code " + response.getStatusCode());
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.add(Map.entry(name, value)));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> headers.add(Map.entry("set-cookie", cookie)));
        }
        byte[] body;
        if (response.getBody() == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(response.getBody());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the handler's body is flagged base64 but is not base64");
            }
        } else {
            body = response.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpResult(response.getStatusCode(), List.copyOf(headers), body);
    }
}
