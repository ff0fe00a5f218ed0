package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ltv.ingest.IngestFixture.assertError;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every events/ file of the ingest function, through the handler, against DynamoDB Local. */
class IngestEventsIT {

    private final IngestFixture fx = new IngestFixture();

    @Test
    void ingestOneCreatesThePurchase() {
        APIGatewayV2HTTPResponse response = fx.invokeFile("ingest-one.json");

        assertStatus(201, response);
        JsonNode body = json(response);
        assertEquals("c-1001", body.get("customerId").asText());
        assertEquals("p-1001", body.get("purchaseId").asText());
        assertEquals("PURCHASE", body.get("kind").asText());
        assertEquals("49.90", body.get("amount").decimalValue().toPlainString());
        assertEquals("USD", body.get("currency").asText());
        assertEquals("2026-10-14T18:22:05+02:00", body.get("purchasedAt").asText());
        assertEquals("2026-10-14", body.get("day").asText());
        assertEquals("web", body.get("channel").asText());
        assertEquals("autumn-sale", body.get("metadata").get("campaign").asText());
        assertEquals(2, body.get("metadata").get("items").asInt());
        assertEquals("0.00", body.get("refundedAmount").decimalValue().toPlainString());
        assertEquals("2026-11-20T12:00:00Z", body.get("receivedAt").asText());

        Map<String, AttributeValue> item = fx.item("c-1001", "p-1001");
        assertEquals(0, new BigDecimal("49.90").compareTo(new BigDecimal(item.get("amount").n())));
        assertEquals("PURCHASE", item.get("kind").s());
        assertEquals("USD", item.get("currency").s());
        assertEquals("2026-10-14", item.get("day").s());
        assertEquals("2026-10-14T18:22:05+02:00", item.get("purchasedAt").s());
        assertEquals("{\"campaign\":\"autumn-sale\",\"firstOrder\":true,\"items\":2}", item.get("metadata").s());
        assertEquals(0, BigDecimal.ZERO.compareTo(new BigDecimal(item.get("refundedAmount").n())));
        assertEquals("2026-11-20T12:00:00Z", item.get("receivedAt").s());
        assertFalse(item.containsKey("refundOf"));
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void ingestDuplicateAnswers200WithTheStoredPurchaseAndRewritesNothing() {
        assertStatus(201, fx.invokeFile("ingest-one.json"));
        Map<String, AttributeValue> before = fx.item("c-1001", "p-1001");
        fx.clock.advance(Duration.ofMinutes(90));

        APIGatewayV2HTTPResponse response = fx.invokeFile("ingest-duplicate.json");

        assertStatus(200, response);
        assertEquals("2026-11-20T12:00:00Z", json(response).get("receivedAt").asText());
        assertEquals("49.90", json(response).get("amount").decimalValue().toPlainString());
        assertEquals(before, fx.item("c-1001", "p-1001"));
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void ingestConflictAnswers409AndKeepsTheFirstVersion() {
        assertStatus(201, fx.invokeFile("ingest-one.json"));
        Map<String, AttributeValue> before = fx.item("c-1001", "p-1001");

        APIGatewayV2HTTPResponse response = fx.invokeFile("ingest-conflict.json");

        assertError(409, "CONFLICT", "purchaseId", response);
        String message = json(response).get("error").get("message").asText();
        assertTrue(message.contains("amount") && !message.contains("channel"), message);
        assertEquals(before, fx.item("c-1001", "p-1001"));
    }

    @Test
    void ingestBatchCreatesEveryPurchaseAndAnswersPerItem() {
        APIGatewayV2HTTPResponse response = fx.invokeFile("ingest-batch.json");

        assertStatus(200, response);
        JsonNode body = json(response);
        assertEquals(4, body.get("summary").get("created").asInt());
        assertEquals(0, body.get("summary").get("duplicate").asInt());
        List<String> ids = Stream.of(0, 1, 2, 3).map(i -> body.get("results").get(i).get("purchaseId").asText()).toList();
        assertEquals(List.of("p-1002", "p-1003", "p-1004", "p-2001"), ids);
        for (int i = 0; i < 4; i++) {
            assertEquals(i, body.get("results").get(i).get("index").asInt());
            assertEquals("created", body.get("results").get(i).get("status").asText());
        }
        assertEquals("24.50", body.get("results").get(0).get("purchase").get("amount").decimalValue().toPlainString());
        // 23:40 at UTC-4 is 03:40 the next day in the business zone (UTC)
        assertEquals("2026-10-29", body.get("results").get(1).get("purchase").get("day").asText());
        assertEquals("c-2002", body.get("results").get(3).get("customerId").asText());

        assertEquals(4, fx.purchases().size());
        assertEquals("2026-10-29", fx.item("c-1001", "p-1003").get("day").s());
        assertEquals("{\"coupon\":\"WELCOME10\"}", fx.item("c-1001", "p-1003").get("metadata").s());
        assertEquals(0, new BigDecimal("310.25").compareTo(new BigDecimal(fx.item("c-2002", "p-2001").get("amount").n())));
    }

    @Test
    void ingestInvalidNamesEveryBadFieldAndWritesNothing() {
        APIGatewayV2HTTPResponse response = fx.invokeFile("ingest-invalid.json");

        assertStatus(400, response);
        JsonNode errors = json(response).get("errors");
        List<String> fields = Stream.iterate(0, i -> i < errors.size(), i -> i + 1).map(i -> errors.get(i).get("field").asText()).toList();
        assertEquals(List.of("chanel", "purchaseId", "amount", "currency", "purchasedAt"), fields);
        assertEquals("UNKNOWN_FIELD", errors.get(0).get("code").asText());
        assertEquals("CURRENCY_MISMATCH", errors.get(3).get("code").asText());
        assertEquals("chanel", json(response).get("error").get("field").asText());
        fx.assertNothingWritten();
    }

    @Test
    void ingestRefundStoresTheRefundOnTheOriginalsDayAndRaisesItsRefundedAmount() {
        assertStatus(201, fx.invokeFile("ingest-one.json"));

        APIGatewayV2HTTPResponse response = fx.invokeFile("ingest-refund.json");

        assertStatus(201, response);
        JsonNode body = json(response);
        assertEquals("REFUND", body.get("kind").asText());
        assertEquals("p-1001", body.get("refundOf").asText());
        assertEquals("15.00", body.get("amount").decimalValue().toPlainString());
        assertEquals("2026-10-14", body.get("day").asText());
        assertFalse(body.has("refundedAmount"));

        Map<String, AttributeValue> refund = fx.item("c-1001", "r-1001-1");
        assertEquals("REFUND", refund.get("kind").s());
        assertEquals("p-1001", refund.get("refundOf").s());
        assertEquals("2026-10-14", refund.get("day").s());
        assertEquals("2026-10-20T11:05:00+02:00", refund.get("purchasedAt").s());
        assertFalse(refund.containsKey("refundedAmount"));
        assertEquals(0, new BigDecimal("15").compareTo(new BigDecimal(fx.item("c-1001", "p-1001").get("refundedAmount").n())));
    }

    @Test
    void correctPurchaseChangesTheAmountOnly() {
        assertStatus(200, fx.invokeFile("ingest-batch.json"));
        Map<String, AttributeValue> before = fx.item("c-1001", "p-1002");

        APIGatewayV2HTTPResponse response = fx.invokeFile("correct-purchase.json");

        assertStatus(200, response);
        assertEquals("21.50", json(response).get("amount").decimalValue().toPlainString());
        assertEquals("2026-10-21", json(response).get("day").asText());
        Map<String, AttributeValue> after = fx.item("c-1001", "p-1002");
        assertEquals(0, new BigDecimal("21.5").compareTo(new BigDecimal(after.get("amount").n())));
        assertEquals(before.get("purchasedAt"), after.get("purchasedAt"));
        assertEquals(before.get("receivedAt"), after.get("receivedAt"));
        assertEquals(before.get("day"), after.get("day"));
    }

    @Test
    void deletePurchaseRemovesItAndAnswersWithTheDeletedItem() {
        assertStatus(200, fx.invokeFile("ingest-batch.json"));

        APIGatewayV2HTTPResponse response = fx.invokeFile("delete-purchase.json");

        assertStatus(200, response);
        assertEquals("p-1003", json(response).get("purchaseId").asText());
        assertEquals("112.00", json(response).get("amount").decimalValue().toPlainString());
        assertTrue(fx.item("c-1001", "p-1003").isEmpty());
        assertEquals(3, fx.purchases().size());
        assertError(404, "NOT_FOUND", null, fx.invokeFile("delete-purchase.json"));
    }

    @Test
    void everyIngestEventFileIsCoveredHere() throws Exception {
        try (Stream<Path> files = Files.list(IngestFixture.repoRoot().resolve("events"))) {
            List<String> mine = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("ingest-") || n.startsWith("correct-") || n.startsWith("delete-")
                            || n.startsWith("list-")) // list-purchases.json: PurchaseHistoryIT
                    .sorted().toList();
            assertEquals(List.of("correct-purchase.json", "delete-purchase.json", "ingest-batch.json",
                    "ingest-conflict.json", "ingest-duplicate.json", "ingest-invalid.json", "ingest-one.json",
                    "ingest-refund.json", "list-purchases.json"), mine);
        }
    }
}
