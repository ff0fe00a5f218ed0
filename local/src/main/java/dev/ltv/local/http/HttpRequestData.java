package dev.ltv.local.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the local server received it, before it becomes an API Gateway event.
 *
 * @param method     the request method
 * @param rawPath    the path as sent (still percent-encoded)
 * @param rawQuery   the query string as sent, or null
 * @param headers    header name (any case) → values, one per header line
 * @param body       the body bytes (empty when none)
 * @param sourceIp   the client's address
 * @param serverPort the local port, for x-forwarded-port
 * @param protocol   e.g. HTTP/1.1
 */
public record HttpRequestData(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        int serverPort,
        String protocol) {
}
