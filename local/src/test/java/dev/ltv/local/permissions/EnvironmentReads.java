package dev.ltv.local.permissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables code reads: {@code System.getenv("X")} and dev.ltv.config.Env's readers
 * ({@code env.required("X")}, {@code optional}, {@code string}, {@code decimal}, {@code optionalDecimal},
 * {@code integer}), found in the sources.
 */
final class EnvironmentReads {

    private static final Pattern READ = Pattern.compile(
            "\\b(?:getenv|required|optional|string|decimal|optionalDecimal|integer)\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

    private EnvironmentReads() {
    }

    /** variable → the files (relative to {@code base}) that read it. */
    static Map<String, List<String>> in(Path base, List<Path> sourceRoots) {
        Map<String, List<String>> reads = new TreeMap<>();
        for (Path root : sourceRoots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher matcher = READ.matcher(Files.readString(file));
                    while (matcher.find()) {
                        List<String> where = reads.computeIfAbsent(matcher.group(1), name -> new ArrayList<>());
                        String relative = base.relativize(file).toString().replace('\\', '/');
                        if (!where.contains(relative)) {
                            where.add(relative);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reads;
    }
}
