package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.calc.ClassicLtv;
import dev.ltv.calc.CustomerTotals;
import dev.ltv.dynamodblocal.QueryCounter;
import dev.ltv.purchase.Purchase;
import dev.ltv.rank.RankKeys;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateAnnotator;
import dev.ltv.state.StateStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static dev.ltv.query.QueryFixture.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /customers} against DynamoDB Local: 260 customers written through the recalculation path (with the
 * ranking attributes), many of them with equal figures; every page walk equals the full sort the test computes
 * itself from the purchases it generated.
 */
class CustomerRankingIT {

    private static final int CUSTOMERS = 260;
    private static final String[] AMOUNTS = {"10.00", "20.00", "25.50", "99.99", "100.00"};
    private static QueryFixture fx;
    /** customer id → the test's own figures */
    private static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    record Expected(String customerId, BigDecimal revenue, BigDecimal ltv, BigDecimal predictedClv, List<String> segments) {
        BigDecimal figure(String orderBy) {
            return switch (orderBy) {
                case "ltv" -> ltv;
                case "revenue" -> revenue;
                default -> predictedClv;
            };
        }
    }

    @BeforeAll
    static void customers() {
        fx = new QueryFixture("rankings");
        RankingAttributes rankings = new RankingAttributes(fx.config.ltvParameters(), fx.config.baseCurrency());
        // the prediction snapshot and the segments stand for what the recalculation's other annotators store
        StateAnnotator annotator = state -> {
            Map<String, AttributeValue> attributes = new HashMap<>();
            int n = number(state.customerId());
            BigDecimal clv = clvOf(n);
            if (clv != null) {
                attributes.put("predictedClv", AttributeValue.fromN(clv.toPlainString()));
                attributes.put("predictedAsOf", AttributeValue.fromS("2026-07-01"));
            }
            List<String> segments = segmentsOf(n);
            if (!segments.isEmpty()) {
                attributes.put("segments", AttributeValue.fromSs(segments));
            }
            attributes.putAll(rankings.of(state, clv));
            return attributes;
        };
        Recalculator recalculator = new Recalculator(fx.dynamo.client(), new StateStore(fx.dynamo.client(), fx.config.ltvTable(),
                CapacityMeter.OFF), Duration.ofDays(7), Clock.fixed(QueryFixture.RECALCULATED_AT, ZoneOffset.UTC), CapacityMeter.OFF, annotator);
        AtomicLong events = new AtomicLong();
        for (int n = 0; n < CUSTOMERS; n++) {
            String id = "c-" + n;
            // every fourth customer copies the history of the one before: equal figures, ordered by customer id
            Random history = n % 4 == 3 ? new Random(n - 1) : new Random(n);
            int count = 1 + history.nextInt(4);
            BigDecimal revenue = BigDecimal.ZERO;
            LocalDate first = null;
            LocalDate last = null;
            List<PurchaseChange> changes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String amount = AMOUNTS[history.nextInt(AMOUNTS.length)];
                LocalDate day = LocalDate.of(2024, 1, 1).plusDays(history.nextInt(900));
                Purchase p = purchase(id, "p-" + i, amount, day.toString());
                long e = events.incrementAndGet();
                changes.add(new PurchaseChange("event-" + e, String.format("%021d", e), id, null, p));
                revenue = revenue.add(new BigDecimal(amount));
                first = first == null || day.isBefore(first) ? day : first;
                last = last == null || day.isAfter(last) ? day : last;
            }
            recalculator.apply(id, changes);
            BigDecimal ltv = ClassicLtv.customer(new CustomerTotals(revenue, count, first, last), fx.config.ltvParameters(),
                    fx.config.baseCurrency()).ltv();
            EXPECTED.put(id, new Expected(id, revenue, ltv, clvOf(n), segmentsOf(n)));
        }
    }

    private static int number(String customerId) {
        return Integer.parseInt(customerId.substring(2));
    }

    /** Every fifth customer has no prediction; the others share a few values (ties), one of them negative-free 0. */
    private static BigDecimal clvOf(int n) {
        return n % 5 == 4 ? null : new BigDecimal(n % 7 * 10 + ".25").subtract(new BigDecimal("0.25"));
    }

    private static List<String> segmentsOf(int n) {
        List<String> segments = new ArrayList<>();
        if (n % 3 == 0) {
            segments.add("rfm:champions");
        }
        if (n % 10 == 1) {
            segments.add("ltv:top-10-percent");
        }
        if (n % 2 == 0) {
            segments.add("churn:low");
        }
        return segments;
    }

    /** The full sort the pages must reproduce: by figure, ties by customer id; desc is its exact reverse. */
    private static List<Expected> sorted(String orderBy, boolean ascending, String segment) {
        Comparator<Expected> order = Comparator.<Expected, BigDecimal>comparing(e -> e.figure(orderBy))
                .thenComparing(Expected::customerId);
        List<Expected> all = new ArrayList<>(EXPECTED.values().stream()
                .filter(e -> e.figure(orderBy) != null)
                .filter(e -> segment == null || e.segments().contains(segment))
                .sorted(ascending ? order : order.reversed()).toList());
        return all;
    }

    @Test
    void everyOrderPagedThroughEqualsTheFullSort() {
        for (String orderBy : List.of("ltv", "predictedClv", "revenue")) {
            for (boolean ascending : List.of(false, true)) {
                for (int limit : List.of(1, 7, 100, 1000)) {
                    if (limit == 1 && !orderBy.equals("ltv")) {
                        continue; // one customer a page: 260 requests, enough for one order
                    }
                    List<JsonNode> listed = walk(fx.handler, orderBy, ascending ? "asc" : "desc", limit, null);
                    assertListed(sorted(orderBy, ascending, null), listed, orderBy + " " + ascending + " " + limit);
                }
            }
        }
        assertTrue(sorted("ltv", false, null).size() == CUSTOMERS);
        assertEquals(CUSTOMERS / 5 * 4, sorted("predictedClv", false, null).size(), "customers without a prediction are left out");
    }

    @Test
    void aSegmentFilterListsExactlyItsMembersInOrder() {
        for (String segment : List.of("rfm:champions", "ltv:top-10-percent", "churn:low", "churn:high")) {
            for (int limit : List.of(5, 100)) {
                List<JsonNode> listed = walk(fx.handler, "revenue", "desc", limit, segment);
                assertListed(sorted("revenue", false, segment), listed, segment + " " + limit);
            }
        }
        assertTrue(walk(fx.handler, "ltv", "asc", 10, "churn:high").isEmpty());
    }

    @Test
    void theFirstPageWithoutParametersIsTheTop100ByLtv() throws Exception {
        APIGatewayV2HTTPEvent request = event("query-customers.json");
        request.setQueryStringParameters(null);
        request.setRawQueryString("");
        JsonNode body = Json.MAPPER.readTree(fx.invoke(request).getBody());
        assertEquals("ltv", body.path("orderBy").asText());
        assertEquals("desc", body.path("order").asText());
        assertEquals(100, body.path("limit").asInt());
        assertEquals("USD", body.path("currency").asText());
        assertListed(sorted("ltv", false, null).subList(0, 100), List.copyOf(list(body.path("customers"))), "default");
        assertTrue(body.has("nextCursor"));
    }

    @Test
    void theRankingsAgreeWithThePerCustomerRoute() throws Exception {
        List<JsonNode> top = walk(fx.handler, "predictedClv", "desc", 25, null).subList(0, 25);
        for (JsonNode ranked : top) {
            String id = ranked.path("customerId").asText();
            APIGatewayV2HTTPEvent single = event("query-hit.json");
            single.setPathParameters(Map.of("customerId", id));
            single.setRawPath("/customers/" + id + "/ltv");
            JsonNode customer = Json.MAPPER.readTree(fx.invoke(single).getBody());
            assertEquals(0, customer.path("classic").path("ltv").decimalValue().compareTo(ranked.path("ltv").decimalValue()), id);
            assertEquals(0, customer.path("inputs").path("revenue").decimalValue().compareTo(ranked.path("revenue").decimalValue()), id);
        }
    }

    @Test
    void aPageReadsInProportionToItsLimitNotToTheBase() throws Exception {
        QueryCounter counting = new QueryCounter(fx.dynamo.client(), request -> assertTrue(
                request.indexName() != null && request.indexName().startsWith("RankBy"), "the index only, never the table"));
        QueryLtvHandler handler = new QueryLtvHandler(fx.config, counting, Clock.systemUTC());
        for (int limit : List.of(10, 50)) {
            counting.reset();
            JsonNode body = page(handler, "ltv", "desc", limit, null, null);
            assertEquals(limit, body.path("customers").size());
            // one query per shard (a shard that ran dry early is read once more), about 1.5 × limit items
            assertTrue(counting.requests() >= RankKeys.SHARDS && counting.requests() <= 2 * RankKeys.SHARDS, counting.requests() + " queries");
            assertTrue(counting.evaluated() <= 2 * limit + 4L * RankKeys.SHARDS, counting.evaluated() + " items read for " + limit);
        }
    }

    @Test
    void badParametersAndCursorsAre400NamingTheField() throws Exception {
        assertError(400, "INVALID_PARAMETER", "orderBy", fx.invoke(customers(Map.of("orderBy", "clv"))));
        assertError(400, "INVALID_PARAMETER", "order", fx.invoke(customers(Map.of("order", "DESC"))));
        for (String limit : List.of("0", "1001", "-1", "ten", "1e2", "", "00000100", "99999999999")) {
            assertError(400, "INVALID_PARAMETER", "limit", fx.invoke(customers(Map.of("limit", limit))));
        }
        assertError(400, "INVALID_PARAMETER", "segment", fx.invoke(customers(Map.of("segment", "rfm:royals"))));
        assertError(400, "UNKNOWN_PARAMETER", "grossMargin", fx.invoke(customers(Map.of("grossMargin", "0.4"))));

        JsonNode first = page(fx.handler, "ltv", "desc", 3, null, null);
        String cursor = first.path("nextCursor").asText();
        assertFalse(cursor.isEmpty());
        // the cursor continues its own listing only
        assertError(400, "INVALID_PARAMETER", "cursor", fx.invoke(customers(Map.of("cursor", cursor, "orderBy", "revenue"))));
        assertError(400, "INVALID_PARAMETER", "cursor", fx.invoke(customers(Map.of("cursor", cursor, "order", "asc"))));
        assertError(400, "INVALID_PARAMETER", "cursor", fx.invoke(customers(Map.of("cursor", cursor, "segment", "churn:low"))));
        // every single-character edit, truncation and extension is refused, never a 500
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < cursor.length(); i++) {
            char replacement = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 17) % alphabet.length());
            String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
            assertError(400, "INVALID_PARAMETER", "cursor", fx.invoke(customers(Map.of("cursor", edited))));
        }
        for (String damaged : List.of(cursor.substring(0, cursor.length() - 1), cursor + "A", "", "!!", "a b", "x".repeat(5000),
                cursor + "=", Base64.getUrlEncoder().encodeToString("1\nltv\ndesc\n\n1035000#c-1".getBytes(StandardCharsets.UTF_8)))) {
            assertError(400, "INVALID_PARAMETER", "cursor", fx.invoke(customers(Map.of("cursor", damaged))));
        }
        // the unchanged cursor still works
        assertEquals(200, fx.invoke(customers(Map.of("cursor", cursor, "limit", "3"))).getStatusCode());
    }

    @Test
    void theSampleEventListsTheTopTen() throws Exception {
        APIGatewayV2HTTPResponse response = fx.invoke(event("query-customers.json"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertListed(sorted("ltv", false, null).subList(0, 10), list(Json.MAPPER.readTree(response.getBody()).path("customers")), "sample");
    }

    private static void assertListed(List<Expected> expected, List<JsonNode> listed, String what) {
        assertEquals(expected.size(), listed.size(), what + ": how many");
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode l = listed.get(i);
            assertEquals(e.customerId(), l.path("customerId").asText(), what + ": position " + i);
            assertEquals(0, e.revenue().compareTo(l.path("revenue").decimalValue()), what + ": revenue of " + e.customerId());
            assertEquals(0, e.ltv().compareTo(l.path("ltv").decimalValue()), what + ": ltv of " + e.customerId());
            if (e.predictedClv() == null) {
                assertFalse(l.has("predictedClv"), what);
            } else {
                assertEquals(0, e.predictedClv().compareTo(l.path("predictedClv").decimalValue()), what + ": clv of " + e.customerId());
                assertEquals("2026-07-01", l.path("predictedAsOf").asText());
            }
            assertEquals(e.segments().stream().sorted().toList(), list(l.path("segments")).stream().map(JsonNode::asText).toList(), what);
        }
    }

    /**
     * Follows nextCursor to the end; without a segment every page but the last has exactly limit customers (with
     * one, a page may end early when its read budget runs out).
     */
    private static List<JsonNode> walk(QueryLtvHandler handler, String orderBy, String order, int limit, String segment) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode body = page(handler, orderBy, order, limit, segment, cursor);
            List<JsonNode> customers = list(body.path("customers"));
            cursor = body.has("nextCursor") ? body.path("nextCursor").asText() : null;
            if (cursor != null && segment == null) {
                assertEquals(limit, customers.size(), "a page before the last is full");
                assertNotEquals("", cursor);
            }
            all.addAll(customers);
            assertTrue(++pages <= CUSTOMERS + 1, "the walk ends");
        } while (cursor != null);
        return all;
    }

    private static JsonNode page(QueryLtvHandler handler, String orderBy, String order, int limit, String segment, String cursor) {
        Map<String, String> query = new HashMap<>(Map.of("orderBy", orderBy, "order", order, "limit", Integer.toString(limit)));
        if (segment != null) {
            query.put("segment", segment);
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        APIGatewayV2HTTPEvent request = customers(query);
        APIGatewayV2HTTPResponse response = handler == fx.handler ? fx.invoke(request)
                : handler.handleRequest(request, new dev.ltv.testing.RecordingContext("count"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        try {
            JsonNode body = Json.MAPPER.readTree(response.getBody());
            assertEquals(orderBy, body.path("orderBy").asText());
            assertEquals(limit, body.path("limit").asInt());
            return body;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static APIGatewayV2HTTPEvent customers(Map<String, String> query) {
        APIGatewayV2HTTPEvent request = event("query-customers.json");
        request.setQueryStringParameters(query);
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.isEmpty() ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        request.setRawQueryString(raw.toString());
        return request;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
