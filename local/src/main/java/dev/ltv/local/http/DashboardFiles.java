package dev.ltv.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dashboard (the repository's {@code dashboard/} folder, bundled into this module at build time): {@code /}
 * is its page, {@code /dashboard/…} its script and style sheet. Served by the local HTTP server itself, as
 * {@link OpenApiDocument} is: on AWS the page is no API route ({@code ltv dashboard --api} serves it there).
 * The page reads only the JSON API of the same origin.
 */
final class DashboardFiles {

    static final String PAGE_PATH = "/";
    private static final String PREFIX = "/dashboard/";
    /** Every file there is, with its media type: nothing else under the prefix is looked up. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> contents;

    DashboardFiles() {
        this.contents = FILES.keySet().stream().collect(Collectors.toUnmodifiableMap(name -> name,
                DashboardFiles::read));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardFiles.class.getResourceAsStream(PREFIX + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is not bundled with the local stack (build it with ./ltv)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled dashboard file " + name, e);
        }
    }

    /** The file this request asks for (GET or HEAD of the page or one of its files), if it is one. */
    Optional<HttpResult> serve(String method, String rawPath) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Optional.empty();
        }
        String name = PAGE_PATH.equals(rawPath) ? "index.html"
                : rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : null;
        if (name == null || !contents.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(new HttpResult(200, List.of(Map.entry("Content-Type", FILES.get(name)),
                Map.entry("Cache-Control", "no-store"), Map.entry("X-Content-Type-Options", "nosniff")), contents.get(name)));
    }
}
