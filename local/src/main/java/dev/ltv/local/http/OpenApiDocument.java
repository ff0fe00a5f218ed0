package dev.ltv.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the API's description (docs/openapi.yaml, bundled into this module at build time),
 * for client generators and API tools pointed at the local stack. Served by the local HTTP server itself, not
 * by a function: on AWS the document is not an API route. Anything else under the path goes on to the API.
 */
final class OpenApiDocument implements HttpHandler {

    static final String PATH = "/openapi.yaml";
    private static final String RESOURCE = "/openapi.yaml";

    private final byte[] content;
    private final HttpHandler api;

    OpenApiDocument(HttpHandler api) {
        this.api = api;
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not bundled with the local stack (build it with ./ltv)");
            }
            this.content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled openapi.yaml", e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!PATH.equals(exchange.getRequestURI().getRawPath()) || !("GET".equals(method) || "HEAD".equals(method))) {
            api.handle(exchange);
            return;
        }
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/yaml; charset=utf-8");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            boolean head = "HEAD".equals(method);
            exchange.sendResponseHeaders(200, head ? -1 : content.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
            }
        }
    }
}
