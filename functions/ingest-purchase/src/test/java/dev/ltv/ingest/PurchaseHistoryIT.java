package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ltv.ingest.IngestFixture.assertError;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.json;
import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /customers/{customerId}/purchases against DynamoDB Local: pages, the cursor, refunds, refusals. */
class PurchaseHistoryIT {

    private final IngestFixture fx = new IngestFixture();

    private void seed() {
        assertStatus(201, fx.post(purchase("c-1001", "p-1001", "100.00", "2026-01-10T10:00:00Z", "\"channel\":\"web\"")));
        assertStatus(201, fx.post(purchase("c-1001", "p-1002", "50.00", "2026-03-01T09:30:00Z", "")));
        assertStatus(201, fx.post(purchase("c-1001", "p-1003", "30", "2026-06-30T18:00:00+02:00", "")));
        assertStatus(201, fx.post(refund("c-1001", "r-1001", "p-1001", "30.00", "2026-07-01T10:00:00Z")));
        // another customer's purchases never show
        assertStatus(201, fx.post(purchase("c-1000", "p-9", "9.00", "2026-01-10T10:00:00Z", "")));
        assertStatus(201, fx.post(purchase("c-10011", "p-8", "8.00", "2026-01-10T10:00:00Z", "")));
    }

    @Test
    void theEventsSampleGivesTheFirstPageAndTheCursorTheRestInPurchaseIdOrderWithTheRefundMarked() {
        seed();
        APIGatewayV2HTTPResponse first = fx.invokeFile("list-purchases.json");
        assertStatus(200, first);
        JsonNode page = json(first);
        assertEquals("c-1001", page.path("customerId").asText());
        assertEquals(List.of("p-1001", "p-1002"), ids(page));
        assertEquals("100.00", page.path("purchases").get(0).path("amount").decimalValue().toPlainString());
        assertEquals("70.00", page.path("purchases").get(0).path("amount").decimalValue().subtract(
                page.path("purchases").get(0).path("refundedAmount").decimalValue()).toPlainString());
        assertEquals("web", page.path("purchases").get(0).path("channel").asText());
        String cursor = page.path("nextCursor").asText();
        assertFalse(cursor.isEmpty(), page.toString());

        JsonNode second = json(fx.list("c-1001", Map.of("limit", "2", "cursor", cursor)));
        assertEquals(List.of("p-1003", "r-1001"), ids(second));
        JsonNode refund = second.path("purchases").get(1);
        assertEquals("REFUND", refund.path("kind").asText());
        assertEquals("p-1001", refund.path("refundOf").asText());
        assertEquals("30.00", refund.path("amount").decimalValue().toPlainString());
        assertEquals("2026-06-30", second.path("purchases").get(0).path("day").asText());
        // four items in pages of two: the second page is the last, without an empty third
        assertTrue(second.path("nextCursor").isMissingNode(), second.toString());
    }

    @Test
    void withoutALimitOnePageHoldsThemAllAndEveryLimitWalksTheSameItemsOnce() {
        seed();
        JsonNode all = json(fx.list("c-1001", Map.of()));
        assertEquals(List.of("p-1001", "p-1002", "p-1003", "r-1001"), ids(all));
        assertTrue(all.path("nextCursor").isMissingNode());
        for (int limit = 1; limit <= 5; limit++) {
            List<String> walked = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("limit", String.valueOf(limit));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                JsonNode page = json(fx.list("c-1001", query));
                walked.addAll(ids(page));
                cursor = page.path("nextCursor").isMissingNode() ? null : page.path("nextCursor").asText();
                pages++;
            } while (cursor != null);
            assertEquals(ids(all), walked, "limit " + limit);
            assertEquals((4 + limit - 1) / limit, pages, "limit " + limit);
        }
    }

    @Test
    void aCustomerWithoutPurchasesGetsAnEmptyList() {
        APIGatewayV2HTTPResponse response = fx.list("c-none", Map.of());
        assertStatus(200, response);
        assertEquals(0, json(response).path("purchases").size());
        assertTrue(json(response).path("nextCursor").isMissingNode());
    }

    @Test
    void aBadLimitCursorOrParameterIsA400NamingIt() {
        seed();
        for (String limit : List.of("0", "1001", "abc", "-1", "2,3", "", "1.5", "99999")) {
            assertError(400, "INVALID_PARAMETER", "limit", fx.list("c-1001", Map.of("limit", limit)));
        }
        String cursor = json(fx.list("c-1001", Map.of("limit", "1"))).path("nextCursor").asText();
        // another customer's cursor, an altered one, and strings that were never cursors
        assertError(400, "INVALID_PARAMETER", "cursor", fx.list("c-1000", Map.of("cursor", cursor)));
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString("p1\nc-1001\np#1".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(altered, cursor + "x", "%%%", "", "cDEKYy0xMDAx", cursor.substring(1))) {
            assertError(400, "INVALID_PARAMETER", "cursor", fx.list("c-1001", Map.of("cursor", bad)));
        }
        assertError(400, "UNKNOWN_PARAMETER", "offset", fx.list("c-1001", Map.of("offset", "2")));
        assertError(400, "INVALID_FIELD", "customerId", fx.list("c%231", Map.of()));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("purchases").forEach(p -> ids.add(p.path("purchaseId").asText()));
        return ids;
    }
}
