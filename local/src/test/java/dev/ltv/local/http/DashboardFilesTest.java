package dev.ltv.local.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardFilesTest {

    private final DashboardFiles files = new DashboardFiles();

    @Test
    void theRootIsThePageAndItsFilesAreServedWithTheirMediaTypes() {
        HttpResult page = files.serve("GET", "/").orElseThrow();
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("/dashboard/dashboard.js") && html.contains("/dashboard/dashboard.css"), html);
        assertEquals("text/javascript; charset=utf-8", header(files.serve("GET", "/dashboard/dashboard.js").orElseThrow(), "Content-Type"));
        assertEquals("text/css; charset=utf-8", header(files.serve("HEAD", "/dashboard/dashboard.css").orElseThrow(), "Content-Type"));
        assertEquals(page.body().length, files.serve("GET", "/dashboard/index.html").orElseThrow().body().length);
    }

    @Test
    void anythingElseGoesOnToTheApi() {
        for (String path : new String[] {"/dashboard/", "/dashboard/x.js", "/dashboard/../metrics", "/dashboard", "//", "/index.html",
                "/dashboard/dashboard.js/", "/metrics"}) {
            assertEquals(Optional.empty(), files.serve("GET", path), path);
        }
        assertEquals(Optional.empty(), files.serve("POST", "/"));
        assertEquals(Optional.empty(), files.serve("DELETE", "/dashboard/dashboard.js"));
    }

    private static String header(HttpResult result, String name) {
        return result.headers().stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElseThrow();
    }
}
