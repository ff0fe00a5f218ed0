package dev.ltv.local.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard (module {@code dashboard}): {@code /} is its page, {@code /dashboard/…} its script and style
 * sheet. Served by the local HTTP server itself, as {@link OpenApiDocument} is: on AWS the page is no API route
 * ({@code ltv dashboard --api} serves it there). The page reads only the JSON API of the same origin.
 */
final class DashboardFiles {

    static final String PAGE_PATH = dev.ltv.dashboard.DashboardFiles.PAGE_PATH;

    private final dev.ltv.dashboard.DashboardFiles files = new dev.ltv.dashboard.DashboardFiles();

    /** The file this request asks for (GET or HEAD of the page or one of its files), if it is one. */
    Optional<HttpResult> serve(String method, String rawPath) {
        return files.find(method, rawPath).map(file -> new HttpResult(200, List.of(Map.entry("Content-Type", file.mediaType()),
                Map.entry("Cache-Control", "no-store"), Map.entry("X-Content-Type-Options", "nosniff")), file.content()));
    }
}
