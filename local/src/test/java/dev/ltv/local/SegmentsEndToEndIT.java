package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segments end to end on the local stack: the whole CDNOW sample posted through the API, a fit (which stores the
 * boundaries and assigns every customer), then {@code GET /segments} against every customer's own route, and one
 * more purchase moving a customer's segment within its stream batch, recorded by exactly one event in the events
 * file.
 */
class SegmentsEndToEndIT {

    private static LocalStack stack;
    private static Path events;
    private static CheckedApi api;

    @BeforeAll
    static void start() throws IOException {
        events = Files.createTempDirectory("ltv-segments-e2e").resolve("events.jsonl");
        stack = LocalStack.start(LocalStackOptions.defaults().withPort(0).withTemplate(EndToEndIT.repositoryTemplate())
                .withPollInterval(Duration.ofMillis(50)).withEventsFile(events));
        api = new CheckedApi(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theCountsAddUpEveryCustomerShowsItsSegmentAndAPurchaseMovesOneWithOneEvent() throws Exception {
        assertEquals(events.toAbsolutePath(), stack.eventsFile().orElseThrow());
        List<CdnowSample.Row> rows = CdnowSample.rows();
        Set<String> customers = new TreeSet<>();
        rows.forEach(row -> customers.add(row.customerId()));
        for (String batch : CdnowSample.batches(rows)) {
            assertEquals(200, post("/purchases", batch).statusCode());
        }
        stack.awaitStreamDrained(Duration.ofSeconds(300));
        assertEquals(0, getJson("/segments").path("customers").asLong(), "no boundaries before the first fit");

        HttpResponse<String> fit = post("/model/fit", "{\"asOf\": \"1997-09-30\", \"unit\": \"weeks\"}");
        assertEquals(200, fit.statusCode(), fit.body());
        JsonNode list = getJson("/segments");
        assertEquals(customers.size(), list.path("customers").asLong(), list.toString());
        assertEquals(1, list.path("boundariesVersion").asLong());
        Map<String, Long> perDimension = new HashMap<>();
        Map<String, Long> listed = new HashMap<>();
        for (JsonNode segment : list.path("segments")) {
            String id = segment.path("segment").asText();
            perDimension.merge(id.substring(0, id.indexOf(':')), segment.path("customers").asLong(), Long::sum);
            if (segment.path("customers").asLong() > 0) {
                listed.put(id, segment.path("customers").asLong());
            }
        }
        assertEquals((long) customers.size(), perDimension.get("rfm"), "the RFM counts add up to the customers");
        assertEquals((long) customers.size(), perDimension.get("ltv"));
        assertEquals((long) customers.size(), perDimension.get("clv"), "every CDNOW customer has a prediction");
        assertEquals((long) customers.size(), perDimension.get("churn"));

        Map<String, Long> shown = new HashMap<>();
        Map<String, JsonNode> segmentsOf = new HashMap<>();
        for (String customer : customers) {
            JsonNode segments = getJson("/customers/" + customer + "/ltv").path("segments");
            segmentsOf.put(customer, segments);
            segments.path("ids").forEach(id -> shown.merge(id.asText(), 1L, Long::sum));
        }
        assertEquals(listed, shown, "every customer counted under a segment shows it on its own route, and no other");
        for (Map.Entry<String, Long> segment : listed.entrySet()) {
            List<String> members = membersOf(segment.getKey());
            assertEquals(segment.getValue(), (long) members.size(), "GET /customers?segment=" + segment.getKey());
            for (String member : members) {
                assertTrue(idsOf(segmentsOf.get(member)).contains(segment.getKey()),
                        member + " listed under " + segment.getKey() + " shows " + segmentsOf.get(member));
            }
        }

        // the reassignment after the fit published one event per segment entered
        List<JsonNode> afterFit = readEvents();
        assertEquals(shown.values().stream().mapToLong(Long::longValue).sum(), afterFit.size());
        assertTrue(afterFit.stream().allMatch(e -> e.path("source").asText().equals("ltv")
                && e.path("detail-type").asText().equals("CustomerSegmentChanged")));

        // one more purchase, today: the customer is recent again, its RFM segment moves within the stream batch
        String customer = "cd-1";
        String before = segmentsOf.get(customer).path("rfm").asText();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        assertEquals(201, post("/purchases", """
                {"purchaseId": "cd-today", "customerId": "cd-1", "amount": "45.00", "currency": "USD", "purchasedAt": "%s"}"""
                .formatted(now)).statusCode());
        stack.awaitStreamDrained(Duration.ofSeconds(30));
        JsonNode after = getJson("/customers/" + customer + "/ltv").path("segments");
        assertEquals(5, after.path("recencyScore").asInt(), after.toString());
        assertTrue(!after.path("rfm").asText().equals(before), before + " → " + after);
        List<JsonNode> moves = readEvents().subList(afterFit.size(), readEvents().size()).stream()
                .map(e -> e.path("detail")).filter(d -> d.path("customerId").asText().equals(customer)
                        && d.path("dimension").asText().equals("rfm")).toList();
        assertEquals(1, moves.size(), moves.toString());
        assertEquals("rfm:" + before, moves.getFirst().path("oldSegment").asText());
        assertEquals("rfm:" + after.path("rfm").asText(), moves.getFirst().path("newSegment").asText());
        Set<String> ids = new HashSet<>();
        readEvents().forEach(e -> ids.add(e.path("detail").path("eventId").asText()));
        assertEquals(readEvents().size(), ids.size(), "every event once");
    }

    /** Every customer {@code GET /customers?segment=} lists, walking its pages. */
    private static List<String> membersOf(String segment) throws IOException, InterruptedException {
        List<String> members = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/customers?segment=" + segment + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("customers").forEach(customer -> members.add(customer.path("customerId").asText()));
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return members;
    }

    private static Set<String> idsOf(JsonNode segments) {
        Set<String> ids = new HashSet<>();
        segments.path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static List<JsonNode> readEvents() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            parsed.add(Json.MAPPER.readTree(line));
        }
        return parsed;
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return api.post(path, body);
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        return api.getJson(path);
    }
}
