package dev.ltv.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.local.template.HttpRoute;
import dev.ltv.local.template.LocalBindings;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a request into the event API Gateway HTTP APIs send with payload format 2.0: lower-case header
 * names with repeated headers comma-joined, cookies moved out of the headers, decoded query parameters with
 * repeated names comma-joined, path parameters from the matched route, and a text body unless the content
 * type is binary (then base64 with isBase64Encoded).
 */
public final class HttpEventMapper {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpEventMapper() {
    }

    public static APIGatewayV2HTTPEvent toEvent(HttpRequestData request, HttpRoute route, Map<String, String> pathParameters,
                                                String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String line : values) {
                    for (String cookie : line.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-port", Integer.toString(request.serverPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(request.method());
        http.setPath(request.rawPath());
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(headers.getOrDefault("user-agent", ""));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId(LocalBindings.ACCOUNT_ID);
        context.setApiId("local");
        context.setDomainName(headers.getOrDefault("host", "127.0.0.1:" + request.serverPort()));
        context.setDomainPrefix("local");
        context.setRequestId(requestId);
        context.setRouteKey(route.routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        context.setHttp(http);

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.routeKey());
        event.setRawPath(request.rawPath());
        event.setRawQueryString(request.rawQuery() == null ? "" : request.rawQuery());
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(queryParameters(request.rawQuery()));
        event.setPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters));
        event.setRequestContext(context);
        if (request.body().length > 0) {
            String text = isText(headers.get("content-type")) ? utf8(request.body()) : null;
            event.setBody(text != null ? text : Base64.getEncoder().encodeToString(request.body()));
            event.setIsBase64Encoded(text == null);
        }
        return event;
    }

    /** Decoded query parameters, repeated names comma-joined; null when there is no query string. */
    static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new MalformedTargetException("a malformed percent-escape in the query string");
        }
    }

    /** Text media types travel as text; anything else (images, octet streams) as base64, as API Gateway does. */
    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.equals("application/javascript") || type.equals("application/yaml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
    }

    /** The body as UTF-8 text, or null when it is not valid UTF-8 (then it goes base64). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
