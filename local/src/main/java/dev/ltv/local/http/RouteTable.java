package dev.ltv.local.http;

import dev.ltv.local.template.HttpRoute;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's routes, matched as API Gateway HTTP APIs do: the most specific route wins, segment by
 * segment (a literal over a {@code {param}}, a {@code {param}} over a greedy {@code {proxy+}}), a method
 * route over ANY, and {@code $default} only when nothing else matches.
 *
 * @param <T> what a route leads to (the function, in the local stack)
 */
public final class RouteTable<T> {

    private final List<Entry<T>> entries = new ArrayList<>();

    public RouteTable<T> add(HttpRoute route, T target) {
        for (Entry<T> entry : entries) {
            if (entry.route.routeKey().equals(route.routeKey())) {
                throw new IllegalArgumentException("route " + route.routeKey() + " is declared twice");
            }
        }
        entries.add(new Entry<>(route, target, segments(route.path())));
        return this;
    }

    public List<HttpRoute> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    public Optional<Match<T>> match(String method, String rawPath) {
        String[] requestSegments = split(rawPath);
        Match<T> best = null;
        int[] bestRank = null;
        for (Entry<T> entry : entries) {
            if (!entry.route.method().equals(HttpRoute.ANY) && !entry.route.method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = entry.matches(requestSegments);
            if (parameters == null) {
                continue;
            }
            int[] rank = entry.rank();
            if (best == null || RANKING.compare(rank, bestRank) > 0) {
                best = new Match<>(entry.route, entry.target, parameters);
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A matched route.
     *
     * @param pathParameters the values of the route's {@code {name}} segments, percent-decoded
     */
    public record Match<T>(HttpRoute route, T target, Map<String, String> pathParameters) {
    }

    private static final Comparator<int[]> RANKING = (a, b) -> {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    };

    private sealed interface Segment permits Literal, Parameter, Greedy {
    }

    private record Literal(String text) implements Segment {
    }

    private record Parameter(String name) implements Segment {
    }

    private record Greedy(String name) implements Segment {
    }

    private record Entry<T>(HttpRoute route, T target, List<Segment> segments) {

        boolean isDefault() {
            return HttpRoute.DEFAULT_PATH.equals(route.path());
        }

        /** The path parameters when the path matches, else null. */
        Map<String, String> matches(String[] request) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (isDefault()) {
                return parameters;
            }
            for (int i = 0; i < segments.size(); i++) {
                Segment segment = segments.get(i);
                if (segment instanceof Greedy greedy) {
                    if (i >= request.length) {
                        return null;
                    }
                    List<String> rest = new ArrayList<>();
                    for (int j = i; j < request.length; j++) {
                        rest.add(decode(request[j]));
                    }
                    parameters.put(greedy.name(), String.join("/", rest));
                    return parameters;
                }
                if (i >= request.length) {
                    return null;
                }
                switch (segment) {
                    case Literal literal -> {
                        if (!literal.text().equals(request[i])) {
                            return null;
                        }
                    }
                    case Parameter parameter -> {
                        if (request[i].isEmpty()) {
                            return null;
                        }
                        parameters.put(parameter.name(), decode(request[i]));
                    }
                    case Greedy ignored -> throw new AssertionError();
                }
            }
            return segments.size() == request.length ? parameters : null;
        }

        /** Higher is more specific: per segment literal 3, parameter 2, greedy 1; then method over ANY. */
        int[] rank() {
            if (isDefault()) {
                return new int[] {0};
            }
            int[] rank = new int[segments.size() + 2];
            rank[0] = 1;
            for (int i = 0; i < segments.size(); i++) {
                rank[i + 1] = switch (segments.get(i)) {
                    case Literal ignored -> 3;
                    case Parameter ignored -> 2;
                    case Greedy ignored -> 1;
                };
            }
            rank[rank.length - 1] = route.method().equals(HttpRoute.ANY) ? 0 : 1;
            return rank;
        }
    }

    private static List<Segment> segments(String path) {
        List<Segment> segments = new ArrayList<>();
        if (HttpRoute.DEFAULT_PATH.equals(path)) {
            return segments;
        }
        for (String part : split(path)) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                segments.add(new Greedy(part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Parameter(part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Literal(part));
            }
        }
        return segments;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** Percent-decoding of a path segment: unlike a query string, '+' is a plus here. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new MalformedTargetException("a malformed percent-escape in the path");
        }
    }
}
