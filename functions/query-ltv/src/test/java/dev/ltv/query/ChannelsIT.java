package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.model.ChannelPredictions;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /channels}: the channel sums the recalculation keeps, through the handler, against DynamoDB Local. */
class ChannelsIT {

    private static Purchase purchase(String customer, String id, String amount, String day, String channel) {
        return new Purchase(customer, id, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD",
                LocalDate.parse(day).atTime(12, 0).atOffset(ZoneOffset.UTC), LocalDate.parse(day), channel, null, null,
                BigDecimal.ZERO);
    }

    private static APIGatewayV2HTTPEvent channels(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = event("query-channels.json");
        StringBuilder raw = new StringBuilder();
        query.forEach((name, value) -> raw.append(raw.isEmpty() ? "" : "&").append(name).append('=').append(value));
        event.setRawQueryString(raw.toString());
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        return event;
    }

    private static Map<String, JsonNode> byChannel(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response::getBody);
        Map<String, JsonNode> channels = new TreeMap<>();
        Json.MAPPER.readTree(response.getBody()).get("channels").forEach(c -> channels.put(c.get("channel").asText(), c));
        return channels;
    }

    private static void assertNumber(String expected, JsonNode value) {
        assertEquals(0, new BigDecimal(expected).compareTo(value.decimalValue()), "expected " + expected + ", was " + value);
    }

    @Test
    void channelsFollowTheFirstPurchaseDayWithConfiguredAndRequestedCosts() throws Exception {
        QueryFixture fx = new QueryFixture("channels", Map.of("ACQUISITION_COST_BY_CHANNEL", "{\"email\": 30}"));
        Purchase aFirst = purchase("a", "a-1", "100.00", "2026-01-10", "email");
        fx.insert(aFirst, purchase("a", "a-2", "50.00", "2026-03-01", "web"));      // email; customer value 150 a year
        fx.insert(purchase("b", "b-1", "40.00", "2026-02-01", "web"));               // web; 40
        fx.insert(purchase("c", "c-1", "20.00", "2026-02-02", null));                // unknown; 20
        fx.insert(purchase("d", "d-1", "60.00", "2026-02-05", "web"),
                purchase("d", "d-2", "30.00", "2026-02-05", "email"));               // web and email on day one: email; 90

        Map<String, String> query = new LinkedHashMap<>();
        query.put("grossMargin", "0.5");
        query.put("acquisitionCost", "10");
        query.put("acquisitionCost.web", "5");
        Map<String, JsonNode> channels = byChannel(fx.invoke(channels(query)));
        assertEquals(java.util.Set.of("email", "unknown", "web"), channels.keySet());
        JsonNode email = channels.get("email");
        // a and d: average customer value (150 + 90) / 2 = 120; (120 × 0.5) × 3 − 30 = 150; LTV:CAC 5
        assertEquals(2, email.get("customers").asLong());
        assertEquals(4, email.get("purchases").asLong());
        assertNumber("240.00", email.get("revenue"));
        assertNumber("30.00", email.get("acquisitionCost"));
        assertEquals("configured", email.get("acquisitionCostSource").asText());
        assertNumber("120.00", email.get("averageCustomerValuePerYear"));
        assertNumber("150.00", email.get("averageLtv"));
        assertNumber("5.000000", email.get("ltvToCac"));
        assertFalse(email.has("averagePredictedClv"), "no fit yet");
        JsonNode web = channels.get("web");
        // b: (40 × 0.5) × 3 − 5 = 55; LTV:CAC 11
        assertEquals("request", web.get("acquisitionCostSource").asText());
        assertNumber("55.00", web.get("averageLtv"));
        assertNumber("11.000000", web.get("ltvToCac"));
        JsonNode unknown = channels.get("unknown");
        // c, with the request's acquisitionCost for every channel without its own: (20 × 0.5) × 3 − 10 = 20
        assertEquals("request", unknown.get("acquisitionCostSource").asText());
        assertNumber("20.00", unknown.get("averageLtv"));

        // a's first purchase is deleted: a's first day is now 03-01, through web
        fx.remove(aFirst);
        new ChannelPredictions(7, LocalDate.of(2026, 2, 28), 12,
                new TreeMap<>(Map.of("email", new ChannelPredictions.Sum(2, new BigDecimal("300.004"))))).save(fx.dynamo.client(),
                fx.config.ltvTable());
        APIGatewayV2HTTPResponse defaults = fx.invoke(event("query-channels.json"));
        channels = byChannel(defaults);
        assertEquals(1, channels.get("email").get("customers").asLong());
        assertNumber("90.00", channels.get("email").get("revenue"));
        assertNumber("150.00", channels.get("email").get("averagePredictedClv"));
        assertEquals(2, channels.get("email").get("predictedCustomers").asLong());
        assertEquals(2, channels.get("web").get("customers").asLong());
        assertNumber("90.00", channels.get("web").get("revenue"));
        // web: a (50 a year) and b (40): 45 × 1 × 3 − 0 = 135, no LTV:CAC without a cost
        assertNumber("135.00", channels.get("web").get("averageLtv"));
        assertEquals("default", channels.get("web").get("acquisitionCostSource").asText());
        assertFalse(channels.get("web").has("ltvToCac"));
        JsonNode predicted = Json.MAPPER.readTree(defaults.getBody()).get("predictedClv");
        assertEquals(7, predicted.get("modelVersion").asLong());
        assertEquals("2026-02-28", predicted.get("asOf").asText());
    }

    @Test
    void badOverridesAre400() {
        QueryFixture fx = new QueryFixture("channels-bad");
        fx.insert(purchase("b", "b-1", "40.00", "2026-02-01", "web"));
        assertError(400, "UNKNOWN_PARAMETER", "acquisitionCost.wbe", fx.invoke(channels(Map.of("acquisitionCost.wbe", "5"))));
        assertError(400, "INVALID_PARAMETER", "acquisitionCost.web", fx.invoke(channels(Map.of("acquisitionCost.web", "-5"))));
        assertError(400, "INVALID_PARAMETER", "acquisitionCost.web", fx.invoke(channels(Map.of("acquisitionCost.web", "1.234"))));
        assertError(400, "UNKNOWN_PARAMETER", "asOf", fx.invoke(channels(Map.of("asOf", "2026-01-01"))));
        assertError(400, "UNKNOWN_PARAMETER", "acquisitionCost.", fx.invoke(channels(Map.of("acquisitionCost.", "1"))));
    }

    @Test
    void noCustomerYetIsAnEmptyList() throws Exception {
        QueryFixture fx = new QueryFixture("channels-empty");
        APIGatewayV2HTTPResponse response = fx.invoke(event("query-channels.json"));
        assertTrue(byChannel(response).isEmpty());
        assertTrue(response.getBody().contains("\"note\":\"" + ChannelsAssembler.NO_PREDICTION + "\""), response::getBody);
    }
}
