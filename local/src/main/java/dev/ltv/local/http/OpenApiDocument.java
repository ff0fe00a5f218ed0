package dev.ltv.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi.yaml}: the API's description (docs/openapi.yaml, bundled into this module at build time),
 * for client generators and API tools pointed at the local stack. Served by the local HTTP server itself, not
 * by a function: on AWS the document is not an API route. Anything else under the path goes on to the API.
 */
final class OpenApiDocument {

    static final String PATH = "/openapi.yaml";
    private static final String RESOURCE = "/openapi.yaml";

    private final byte[] content;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not bundled with the local stack (build it with ./ltv)");
            }
            this.content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled openapi.yaml", e);
        }
    }

    /** Whether this request asks for the document (GET or HEAD of exactly its path). */
    boolean serves(String method, String rawPath) {
        return PATH.equals(rawPath) && ("GET".equals(method) || "HEAD".equals(method));
    }

    HttpResult result() {
        return new HttpResult(200, List.of(Map.entry("Content-Type", "application/yaml; charset=utf-8"),
                Map.entry("Cache-Control", "no-store")), content);
    }
}
