package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.model.ModelStore;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.purchase.Purchase;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.store.LiveSegments;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentOutbox;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateAnnotator;
import dev.ltv.state.StateStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static dev.ltv.query.QueryFixture.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /segments} and the {@code segments} of {@code GET /customers/{id}/ltv}, on states written by the
 * recalculation with a model and its boundaries (DynamoDB Local; every exchange checked against docs/openapi.yaml).
 */
class SegmentsRouteIT {

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response::getBody);
        return Json.MAPPER.readTree(response.getBody());
    }

    private static APIGatewayV2HTTPEvent customer(String id) {
        APIGatewayV2HTTPEvent event = event("query-hit.json");
        event.setRawPath("/customers/" + id + "/ltv");
        event.setPathParameters(Map.of("customerId", id));
        return event;
    }

    @Test
    void countsAddUpAndEveryListedCustomerShowsItsSegment() throws Exception {
        QueryFixture fx = new QueryFixture("segments");
        JsonNode empty = body(fx.invoke(event("query-segments.json")));
        assertEquals(0, empty.path("customers").asLong());
        assertFalse(empty.has("boundariesVersion"), "no boundaries before a fit");

        ModelStore models = new ModelStore(fx.dynamo.client(), fx.config.ltvTable());
        SegmentBoundaries boundaries = new SegmentBoundaries(Cuts.of(30, 90, 180, 365), Cuts.of(1, 1, 2, 3),
                Cuts.of(50, 100, 200, 400), Cuts.of(150, 600, 1200), Cuts.of(5, 20, 60), 6, LocalDate.of(2026, 6, 30));
        models.save(new ClvModel(new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), LocalDate.of(2026, 6, 30)),
                946, Instant.parse("2026-07-01T03:00:00Z"), boundaries);
        Clock clock = Clock.fixed(QueryFixture.RECALCULATED_AT, ZoneOffset.UTC);
        StateStore store = new StateStore(fx.dynamo.client(), fx.config.ltvTable(), CapacityMeter.OFF);
        Recalculator recalculator = new Recalculator(fx.dynamo.client(), store, Duration.ofDays(7), clock, CapacityMeter.OFF,
                StateAnnotator.NONE, new LiveSegments(new SegmentAssigner(fx.config), models, clock, ZoneOffset.UTC,
                new SegmentOutbox(fx.dynamo.client(), fx.config.ltvTable(), SegmentEventSink.NONE)));
        Map<String, List<Purchase>> purchases = Map.of(
                "c-1", List.of(purchase("c-1", "p-1", "40.00", "2026-06-29")),
                "c-2", List.of(purchase("c-2", "p-2", "120.00", "2026-05-01"), purchase("c-2", "p-3", "90.00", "2026-06-20"),
                        purchase("c-2", "p-4", "300.00", "2026-06-30")),
                "c-3", List.of(purchase("c-3", "p-5", "15.00", "2025-01-10")),
                "c-4", List.of(purchase("c-4", "p-6", "500.00", "2025-12-01"), purchase("c-4", "p-7", "45.00", "2026-02-01")));
        int n = 0;
        for (var entry : purchases.entrySet()) {
            for (Purchase p : entry.getValue()) {
                n++;
                recalculator.apply(entry.getKey(), List.of(new PurchaseChange("e-" + n, String.format("%021d", n),
                        entry.getKey(), null, p)));
            }
        }

        JsonNode list = body(fx.invoke(event("query-segments.json")));
        assertEquals("USD", list.path("currency").asText());
        assertEquals(4, list.path("customers").asLong());
        assertEquals(1, list.path("boundariesVersion").asLong());
        assertEquals(365.0, list.path("boundaries").path("recencyDays").get(3).asDouble());
        Map<String, Long> byDimension = new HashMap<>();
        Map<String, Long> countOf = new HashMap<>();
        BigDecimal rfmRevenue = BigDecimal.ZERO;
        for (JsonNode segment : list.path("segments")) {
            String id = segment.path("segment").asText();
            byDimension.merge(id.substring(0, id.indexOf(':')), segment.path("customers").asLong(), Long::sum);
            countOf.put(id, segment.path("customers").asLong());
            if (id.startsWith("rfm:")) {
                rfmRevenue = rfmRevenue.add(segment.path("revenue").decimalValue());
            }
        }
        assertEquals(Map.of("rfm", 4L, "ltv", 4L, "clv", 4L, "churn", 4L), byDimension, "every dimension adds up");
        assertEquals(0, new BigDecimal("1110.00").compareTo(rfmRevenue), "the revenue of the base, once per dimension");

        // every customer shows, on its own route, the segments the list counts
        Map<String, Long> shown = new HashMap<>();
        for (String id : purchases.keySet()) {
            JsonNode segments = body(fx.invoke(customer(id))).path("segments");
            assertEquals(1, segments.path("boundariesVersion").asLong());
            Set<String> ids = new HashSet<>();
            segments.path("ids").forEach(node -> ids.add(node.asText()));
            assertTrue(ids.contains("rfm:" + segments.path("rfm").asText()), segments.toString());
            assertTrue(ids.contains("ltv:" + segments.path("ltvTier").asText()), segments.toString());
            ids.forEach(segment -> shown.merge(segment, 1L, Long::sum));
        }
        countOf.values().removeIf(count -> count == 0);
        assertEquals(countOf, shown);
        // c-2: three purchases, the last the day before the write: R5, F4 (3 is above the cuts 1, 1 and 2): champions
        JsonNode c2 = body(fx.invoke(customer("c-2"))).path("segments");
        assertEquals("champions", c2.path("rfm").asText(), c2.toString());
        assertEquals(5, c2.path("recencyScore").asInt());
        assertEquals(4, c2.path("frequencyScore").asInt());
        assertEquals(5, c2.path("monetaryScore").asInt(), "510.00 is above the last revenue cut, 400");

        APIGatewayV2HTTPEvent withQuery = event("query-segments.json");
        withQuery.setQueryStringParameters(Map.of("limit", "5"));
        withQuery.setRawQueryString("limit=5");
        assertError(400, "UNKNOWN_PARAMETER", "limit", fx.invoke(withQuery));
    }
}
