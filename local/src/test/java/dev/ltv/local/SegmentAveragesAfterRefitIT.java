package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a refit, the daily pass rewrites the prediction of every customer whom the new model leaves in its segments;
 * {@code GET /segments}' average predicted CLV must follow those rewrites too, not only the customers who moved.
 * Both fits run before any read, so the query function's model cache holds the second model, as a container
 * started after the refit would.
 */
class SegmentAveragesAfterRefitIT {

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackOptions.defaults().withPort(0).withTemplate(EndToEndIT.repositoryTemplate())
                .withPollInterval(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everySegmentsAveragePredictedClvIsItsMembersAfterARefit() throws Exception {
        // a third of CDNOW's customers: enough for both fits, quick to post
        List<CdnowSample.Row> rows = CdnowSample.rows().stream()
                .filter(row -> Integer.parseInt(row.customerId().substring("cd-".length())) % 3 == 0).toList();
        Set<String> customers = new TreeSet<>();
        rows.forEach(row -> customers.add(row.customerId()));
        for (String batch : CdnowSample.batches(rows)) {
            assertEquals(200, post("/purchases", batch).statusCode());
        }
        stack.awaitStreamDrained(Duration.ofSeconds(300));

        HttpResponse<String> first = post("/model/fit", "{\"asOf\": \"1997-09-30\", \"unit\": \"weeks\"}");
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> refit = post("/model/fit", "{\"asOf\": \"1998-06-30\", \"unit\": \"weeks\"}");
        assertEquals(200, refit.statusCode(), refit.body());

        JsonNode segments = getJson("/segments");
        assertEquals(2, segments.path("boundariesVersion").asLong());
        Map<String, BigDecimal> clvSums = new HashMap<>();
        Map<String, Long> clvMembers = new HashMap<>();
        for (String id : customers) {
            JsonNode ltv = getJson("/customers/" + id + "/ltv");
            assertEquals(2, ltv.path("predictive").path("modelVersion").asLong(), ltv.toString());
            JsonNode clv = ltv.path("predictive").path("clv");
            if (clv.isNumber()) {
                ltv.path("segments").path("ids").forEach(segment -> {
                    clvSums.merge(segment.asText(), new BigDecimal(clv.asText()), BigDecimal::add);
                    clvMembers.merge(segment.asText(), 1L, Long::sum);
                });
            }
        }
        Map<String, BigDecimal> averages = new HashMap<>();
        for (JsonNode segment : segments.path("segments")) {
            if (segment.path("averagePredictedClv").isNumber()) {
                averages.put(segment.path("segment").asText(), new BigDecimal(segment.path("averagePredictedClv").asText()));
            }
        }
        assertEquals(clvMembers.keySet(), averages.keySet());
        for (Map.Entry<String, BigDecimal> segment : averages.entrySet()) {
            BigDecimal members = clvSums.get(segment.getKey())
                    .divide(BigDecimal.valueOf(clvMembers.get(segment.getKey())), MathContext.DECIMAL64);
            // each route rounds its figure to the cent, the segment its average: they agree within a cent
            assertTrue(members.subtract(segment.getValue()).abs().compareTo(new BigDecimal("0.01")) <= 0,
                    segment.getKey() + ": GET /segments says " + segment.getValue() + ", its members " + members);
        }
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(stack.baseUri().resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.baseUri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
