package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.rank.RankOrder;
import dev.ltv.segment.Segments;

import java.util.List;
import java.util.Set;

/**
 * The parameters of {@code GET /customers}: {@code orderBy} (ltv, predictedClv, revenue; default ltv),
 * {@code order} (desc, asc; default desc), {@code limit} (1–1000; default 100), {@code segment} (a segment id)
 * and {@code cursor} (the previous page's {@code nextCursor}, valid only with the same orderBy, order and segment).
 *
 * @param after the position after which the page starts (a ranking sort key), or null for the first page
 */
record RankingRequest(RankOrder orderBy, boolean ascending, int limit, String segment, String after) {

    static final Set<String> NAMES = Set.of("orderBy", "order", "limit", "segment", "cursor");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final List<String> SEGMENT_IDS = List.copyOf(Segments.allIds());

    private static final String INVALID = ParameterOverrides.INVALID_PARAMETER;

    static RankingRequest parse(QueryString query) {
        query.requireOnly(NAMES);
        RankOrder orderBy = query.get("orderBy").map(value -> RankOrder.ofParameter(value).orElseThrow(() ->
                ApiException.badRequest(INVALID, "orderBy", "orderBy must be one of ltv, predictedClv, revenue")))
                .orElse(RankOrder.LTV);
        boolean ascending = switch (query.get("order").orElse("desc")) {
            case "desc" -> false;
            case "asc" -> true;
            default -> throw ApiException.badRequest(INVALID, "order", "order must be desc or asc");
        };
        int limit = query.get("limit").map(RankingRequest::limit).orElse(DEFAULT_LIMIT);
        String segment = query.get("segment").orElse(null);
        if (segment != null && !SEGMENT_IDS.contains(segment)) {
            throw ApiException.badRequest(INVALID, "segment", "segment must be one of " + String.join(", ", SEGMENT_IDS));
        }
        String after = query.get("cursor").map(cursor -> RankingCursor.decode(cursor, orderBy, ascending, segment)).orElse(null);
        return new RankingRequest(orderBy, ascending, limit, segment, after);
    }

    String orderName() {
        return ascending ? "asc" : "desc";
    }

    private static int limit(String text) {
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw ApiException.badRequest(INVALID, "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }
}
