package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.purchase.PurchaseValidator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.ltv.ingest.IngestFixture.assertClean;
import static dev.ltv.ingest.IngestFixture.assertError;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.json;
import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /purchases: idempotency, conflicts, batches. */
class PurchaseIngestionIT {

    private final IngestFixture fx = new IngestFixture();

    private static List<String> statuses(APIGatewayV2HTTPResponse response) {
        List<String> statuses = new ArrayList<>();
        json(response).get("results").forEach(r -> statuses.add(r.get("status").asText()));
        return statuses;
    }

    @Test
    void theSamePurchaseTwiceIsStoredOnceAndNotRewritten() {
        String first = purchase("c-1", "p-1", "19.90", "2026-11-01T10:00:00+01:00", "\"metadata\":{\"b\":1,\"a\":\"x\"}");
        // same content written differently: amount 19.9, same instant in UTC, metadata keys in another order
        String again = purchase("c-1", "p-1", "\"19.9\"", "2026-11-01T09:00:00Z", "\"metadata\":{\"a\":\"x\",\"b\":1}");
        assertStatus(201, fx.post(first));
        Map<String, AttributeValue> stored = fx.item("c-1", "p-1");
        fx.clock.advance(Duration.ofHours(3));

        APIGatewayV2HTTPResponse response = fx.post(again);

        assertStatus(200, response);
        assertEquals("2026-11-20T12:00:00Z", json(response).get("receivedAt").asText());
        assertEquals("2026-11-01T10:00:00+01:00", json(response).get("purchasedAt").asText());
        assertEquals(stored, fx.item("c-1", "p-1"));
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void theSameIdWithOtherContentIsAConflictNamingTheFields() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "19.90", "2026-11-01T10:00:00Z", "\"channel\":\"web\"")));
        Map<String, AttributeValue> stored = fx.item("c-1", "p-1");

        APIGatewayV2HTTPResponse response = fx.post(purchase("c-1", "p-1", "19.90", "2026-11-01T10:00:01Z", "\"channel\":\"store\""));

        assertError(409, "CONFLICT", "purchaseId", response);
        String message = json(response).get("error").get("message").asText();
        assertTrue(message.contains("purchasedAt, channel"), message);
        assertEquals(stored, fx.item("c-1", "p-1"));
    }

    @Test
    void theSamePurchaseIdForAnotherCustomerIsAnotherPurchase() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "5", "2026-11-01T10:00:00Z", "")));
        assertStatus(201, fx.post(purchase("c-2", "p-1", "7", "2026-11-01T10:00:00Z", "")));
        assertEquals(2, fx.purchases().size());
    }

    @Test
    void aBatchWithOneInvalidItemWritesNothingAndListsEveryProblem() {
        String body = "{\"purchases\":[" + purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "") + ","
                + purchase("c-1", "p-2", "-3", "2026-11-01T10:00:00Z", "\"color\":\"red\"") + ","
                + purchase("c-1", "p-3", "10", "2026-11-01T10:00:00Z", "") + ","
                + purchase("c-1", "p 4", "10", "2026-11-21T10:00:00Z", "") + "]}";

        APIGatewayV2HTTPResponse response = fx.post(body);

        assertError(400, "INVALID_PURCHASES", "purchases", response);
        JsonNode errors = json(response).get("errors");
        List<String> found = new ArrayList<>();
        errors.forEach(e -> found.add(e.get("index").asInt() + " " + e.get("field").asText() + " " + e.get("code").asText()));
        assertEquals(List.of(
                "1 purchases[1].color UNKNOWN_FIELD",
                "1 purchases[1].amount INVALID_FIELD",
                "3 purchases[3].purchaseId INVALID_FIELD",
                "3 purchases[3].purchasedAt INVALID_FIELD"), found);
        assertTrue(json(response).get("error").get("message").asText().startsWith("2 of 4 purchases are invalid"));
        fx.assertNothingWritten();
    }

    @Test
    void aBatchAnswersEachItemInRequestOrder() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "")));
        assertStatus(201, fx.post(purchase("c-1", "p-2", "20", "2026-11-01T10:00:00Z", "")));
        Map<String, AttributeValue> p2 = fx.item("c-1", "p-2");
        fx.clock.advance(Duration.ofMinutes(1));
        String body = "{\"purchases\":["
                + purchase("c-1", "p-3", "30", "2026-11-02T10:00:00Z", "") + ","
                + purchase("c-1", "p-1", "10.00", "2026-11-01T10:00:00Z", "") + ","
                + purchase("c-1", "p-2", "21", "2026-11-01T10:00:00Z", "") + ","
                + purchase("c-1", "p-3", "30", "2026-11-02T10:00:00Z", "") + ","
                + refund("c-1", "r-1", "p-9", "1", "2026-11-03T10:00:00Z") + "]}";

        APIGatewayV2HTTPResponse response = fx.post(body);

        assertStatus(200, response);
        assertEquals(List.of("created", "duplicate", "conflict", "duplicate", "rejected"), statuses(response));
        JsonNode results = json(response).get("results");
        assertEquals("2026-11-20T12:01:00Z", results.get(0).get("purchase").get("receivedAt").asText());
        assertEquals("2026-11-20T12:00:00Z", results.get(1).get("purchase").get("receivedAt").asText());
        assertEquals("CONFLICT", results.get(2).get("error").get("code").asText());
        assertEquals("p-2", results.get(2).get("purchaseId").asText());
        assertEquals("2026-11-20T12:01:00Z", results.get(3).get("purchase").get("receivedAt").asText());
        assertEquals("REFUND_TARGET_NOT_FOUND", results.get(4).get("error").get("code").asText());
        assertEquals("r-1", results.get(4).get("purchaseId").asText());
        JsonNode summary = json(response).get("summary");
        assertEquals(List.of(1, 2, 1, 1), List.of(summary.get("created").asInt(), summary.get("duplicate").asInt(),
                summary.get("conflict").asInt(), summary.get("rejected").asInt()));
        assertEquals(3, fx.purchases().size());
        assertEquals(p2, fx.item("c-1", "p-2"));
    }

    @Test
    void aBatchMayRefundAPurchaseOfTheSameBatch() {
        String body = "{\"purchases\":["
                + refund("c-1", "r-1", "p-1", "4", "2026-11-05T10:00:00Z") + ","
                + purchase("c-1", "p-1", "10", "2026-11-01T23:30:00-02:00", "") + ","
                + refund("c-1", "r-2", "p-1", "6", "2026-11-06T10:00:00Z") + ","
                + refund("c-1", "r-3", "p-1", "0.01", "2026-11-07T10:00:00Z") + "]}";

        APIGatewayV2HTTPResponse response = fx.post(body);

        assertEquals(List.of("created", "created", "created", "rejected"), statuses(response));
        assertEquals("REFUND_EXCEEDS_PURCHASE", json(response).get("results").get(3).get("error").get("code").asText());
        assertEquals(0, BigDecimal.TEN.compareTo(new BigDecimal(fx.item("c-1", "p-1").get("refundedAmount").n())));
        assertEquals("2026-11-02", fx.item("c-1", "r-1").get("day").s());
        assertEquals("2026-11-02", fx.item("c-1", "r-2").get("day").s());
        assertEquals(3, fx.purchases().size());
    }

    @Test
    void aBatchMayNotRepeatAnIdWithOtherContent() {
        String body = "{\"purchases\":[" + purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "") + ","
                + purchase("c-1", "p-1", "11", "2026-11-01T10:00:00Z", "") + "]}";

        APIGatewayV2HTTPResponse response = fx.post(body);

        assertStatus(400, response);
        JsonNode error = json(response).get("errors").get(0);
        assertEquals("DUPLICATE_IN_BATCH", error.get("code").asText());
        assertEquals("purchases[1].purchaseId", error.get("field").asText());
        assertEquals(1, error.get("index").asInt());
        fx.assertNothingWritten();
    }

    @Test
    void aBatchHolds1To100Purchases() {
        assertError(400, "INVALID_FIELD", "purchases", fx.post("{\"purchases\":[]}"));
        assertError(400, "INVALID_FIELD", "purchases", fx.post("{\"purchases\":{}}"));
        assertError(400, "UNKNOWN_FIELD", "source", fx.post("{\"source\":\"x\",\"purchases\":["
                + purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "") + "]}"));
        APIGatewayV2HTTPResponse tooMany = fx.post(batchOf(101));
        assertError(400, "INVALID_FIELD", "purchases", tooMany);
        assertTrue(json(tooMany).get("error").get("message").asText().contains("(it has 101)"));
        fx.assertNothingWritten();

        APIGatewayV2HTTPResponse full = fx.post(batchOf(100));
        assertStatus(200, full);
        assertEquals(100, json(full).get("summary").get("created").asInt());
        assertEquals(100, fx.purchases().size());
    }

    @Test
    void aFullBatchWithEveryFieldAtItsLimitIsAccepted() {
        // a client that escapes non-ASCII text (as many JSON encoders do by default) sends é as 6 bytes; it is
        // stored as 2, so the metadata is at its 2048-byte limit while the request carries much more
        String escapedE = "\\" + "u00e9";
        StringBuilder metadata = new StringBuilder("{");
        for (int k = 0; k < 20; k++) {
            String value = escapedE.repeat(k < 19 ? 16 : 19) + (k < 19 ? "" : "x");
            metadata.append(k == 0 ? "" : ",").append('"').append(padded("key-" + k, 64)).append("\":\"").append(value).append('"');
        }
        metadata.append('}');
        StringBuilder body = new StringBuilder("{\"purchases\":[");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append(purchase(padded("c-" + i % 7, 128), padded("p-" + i, 128),
                    "999999999.99", "2026-11-01T10:00:00.123456789+05:30",
                    "\"channel\":\"" + padded("web-", 64) + "\",\"kind\":\"PURCHASE\",\"metadata\":" + metadata));
        }
        String batch = body.append("]}").toString();
        assertTrue(batch.length() > 3 * 100 * 1024 && batch.length() < RequestBody.MAX_BYTES, () -> "" + batch.length());

        APIGatewayV2HTTPResponse response = fx.post(batch);

        assertStatus(200, response);
        assertEquals(100, json(response).get("summary").get("created").asInt());
        assertEquals(100, fx.purchases().size());
        String stored = fx.item(padded("c-0", 128), padded("p-0", 128)).get("metadata").s();
        assertEquals(PurchaseValidator.MAX_METADATA_BYTES, stored.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    private static String padded(String prefix, int length) {
        return prefix + "x".repeat(length - prefix.length());
    }

    private static String batchOf(int size) {
        StringBuilder body = new StringBuilder("{\"purchases\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(purchase("c-" + i % 7, "p-" + i, "1." + i % 100, "2026-11-01T10:00:00Z", ""));
        }
        return body.append("]}").toString();
    }

    @Test
    void concurrentRetriesOfOnePurchaseStoreItOnce() throws Exception {
        String body = purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> fx.post(body)));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> answer : answers) {
                codes.add(answer.get().getStatusCode());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes::toString);
            assertEquals(15, codes.stream().filter(c -> c == 200).count(), codes::toString);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void anIdOfOnlyDotsIsRefusedAsNoUrlPathCouldNameIt() {
        // clients and browsers remove "." and ".." segments from a URL path (RFC 3986, 5.2.4): such a customer or
        // purchase could never be read, corrected or deleted through its own route
        for (String id : List.of(".", "..")) {
            assertError(400, "INVALID_FIELD", "customerId", fx.post(purchase(id, "p-1", "10", "2026-11-01T10:00:00Z", "")));
            assertError(400, "INVALID_FIELD", "purchaseId", fx.post(purchase("c-1", id, "10", "2026-11-01T10:00:00Z", "")));
        }
        fx.assertNothingWritten();
        assertStatus(201, fx.post(purchase("...", ".p", "10", "2026-11-01T10:00:00Z", "")));
    }

    @Test
    void currencyOtherThanTheBaseIsRefused() {
        assertError(400, "CURRENCY_MISMATCH", "currency",
                fx.post(purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "").replace("USD", "EUR")));
        fx.assertNothingWritten();
    }

    @Test
    void metadataNumbersWithAHugeExponentAreRefused() {
        for (String number : List.of("1e-10000", "1e10000")) {
            APIGatewayV2HTTPResponse response = fx.post(purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z",
                    "\"metadata\":{\"weight\":" + number + "}"));
            assertClean(response);
            assertError(400, "INVALID_FIELD", "metadata.weight", response);
        }
        fx.assertNothingWritten();
    }

    @Test
    void purchasesMoreThanFiveMinutesAheadAreRefused() {
        assertError(400, "INVALID_FIELD", "purchasedAt", fx.post(purchase("c-1", "p-1", "10", "2026-11-20T12:05:01Z", "")));
        fx.assertNothingWritten();
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10", "2026-11-20T12:05:00Z", "")));
        assertEquals("2026-11-20", fx.item("c-1", "p-1").get("day").s());
    }

    @Test
    void theBusinessDayFollowsTheConfiguredZone() {
        IngestFixture tokyo = new IngestFixture(Map.of("BUSINESS_TIME_ZONE", "Asia/Tokyo"));
        assertStatus(201, tokyo.post(purchase("c-1", "p-1", "10", "2026-10-31T16:30:00Z", "")));
        assertEquals("2026-11-01", tokyo.item("c-1", "p-1").get("day").s());
    }
}
