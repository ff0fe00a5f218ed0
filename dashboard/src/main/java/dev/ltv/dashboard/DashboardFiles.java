package dev.ltv.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dashboard's files as both servers of the page answer them (the local stack, and {@code ltv dashboard} in
 * front of a deployed API): {@code /} is the page, {@code /dashboard/…} its script and style sheet, nothing else.
 * Read once from this module's jar.
 */
public final class DashboardFiles {

    public static final String PAGE_PATH = "/";
    private static final String PREFIX = "/dashboard/";
    /** Every file there is, with its media type: nothing else under the prefix is looked up. */
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    /** One file: what the Content-Type header says, and the bytes. */
    public record File(String mediaType, byte[] content) {
    }

    private final Map<String, File> files;

    /** Reads every file; fails when one is not bundled (a jar built without this module's resources). */
    public DashboardFiles() {
        this.files = MEDIA_TYPES.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> new File(entry.getValue(), read(entry.getKey()))));
    }

    private static byte[] read(String name) {
        try (InputStream in = DashboardFiles.class.getResourceAsStream(PREFIX + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is not bundled (build it with ./ltv)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled dashboard file " + name, e);
        }
    }

    /** The file a GET or HEAD of {@code rawPath} asks for, if it is one of the page's. */
    public Optional<File> find(String method, String rawPath) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Optional.empty();
        }
        String name = PAGE_PATH.equals(rawPath) ? "index.html"
                : rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : null;
        return name == null ? Optional.empty() : Optional.ofNullable(files.get(name));
    }
}
