package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Map;

import static dev.ltv.ingest.IngestFixture.assertError;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.json;
import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PATCH and DELETE of stored purchases and refunds. */
class CorrectionsIT {

    private final IngestFixture fx = new IngestFixture();

    @BeforeEach
    void aPurchaseOf40() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "40.00", "2026-11-01T10:00:00Z", "\"channel\":\"web\"")));
    }

    private BigDecimal number(String purchaseId, String attribute) {
        return new BigDecimal(fx.item("c-1", purchaseId).get(attribute).n());
    }

    @Test
    void correctingTheTimeRecomputesTheDay() {
        APIGatewayV2HTTPResponse response = fx.patch("c-1", "p-1",
                "{\"purchasedAt\":\"2026-11-03T23:30:00-03:00\",\"amount\":41.5}");

        assertStatus(200, response);
        assertEquals("2026-11-04", json(response).get("day").asText());
        assertEquals("41.50", json(response).get("amount").decimalValue().toPlainString());
        assertEquals("web", json(response).get("channel").asText());
        Map<String, AttributeValue> item = fx.item("c-1", "p-1");
        assertEquals("2026-11-04", item.get("day").s());
        assertEquals("2026-11-03T23:30:00-03:00", item.get("purchasedAt").s());
        assertEquals(0, new BigDecimal("41.5").compareTo(number("p-1", "amount")));
        assertEquals("2026-11-20T12:00:00Z", item.get("receivedAt").s());
    }

    @Test
    void aCorrectionThatChangesNothingWritesNothing() {
        Map<String, AttributeValue> before = fx.item("c-1", "p-1");
        assertStatus(200, fx.patch("c-1", "p-1", "{\"amount\":\"40\",\"purchasedAt\":\"2026-11-01T11:00:00+01:00\"}"));
        assertEquals(before, fx.item("c-1", "p-1"));
    }

    @Test
    void theAmountCannotGoBelowWhatWasRefunded() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "15", "2026-11-05T10:00:00Z")));

        assertError(409, "AMOUNT_BELOW_REFUNDED", "amount", fx.patch("c-1", "p-1", "{\"amount\":14.99}"));
        assertEquals(0, new BigDecimal("40").compareTo(number("p-1", "amount")));
        assertStatus(200, fx.patch("c-1", "p-1", "{\"amount\":15}"));
        assertEquals(0, new BigDecimal("15").compareTo(number("p-1", "amount")));
    }

    @Test
    void aRefundedPurchaseKeepsItsDay() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "15", "2026-11-05T10:00:00Z")));

        assertError(409, "PURCHASE_HAS_REFUNDS", "purchasedAt",
                fx.patch("c-1", "p-1", "{\"purchasedAt\":\"2026-11-02T10:00:00Z\"}"));
        // a new time on the same day is fine
        assertStatus(200, fx.patch("c-1", "p-1", "{\"purchasedAt\":\"2026-11-01T18:00:00Z\"}"));
        assertEquals("2026-11-01", fx.item("c-1", "p-1").get("day").s());
    }

    @Test
    void refundsAreNotCorrected() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "15", "2026-11-05T10:00:00Z")));
        assertError(409, "REFUND_NOT_CORRECTABLE", null, fx.patch("c-1", "r-1", "{\"amount\":10}"));
        assertEquals(0, new BigDecimal("15").compareTo(number("r-1", "amount")));
    }

    @Test
    void correctingAnUnknownPurchaseIs404() {
        assertError(404, "NOT_FOUND", null, fx.patch("c-1", "p-2", "{\"amount\":10}"));
        assertError(404, "NOT_FOUND", null, fx.patch("c-2", "p-1", "{\"amount\":10}"));
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void aCorrectionIsValidatedLikeAPurchase() {
        Map<String, AttributeValue> before = fx.item("c-1", "p-1");
        assertError(400, "INVALID_FIELD", "amount", fx.patch("c-1", "p-1", "{\"amount\":10.001}"));
        assertError(400, "INVALID_FIELD", "purchasedAt", fx.patch("c-1", "p-1", "{\"purchasedAt\":\"2026-11-20T12:06:00Z\"}"));
        assertError(400, "UNKNOWN_FIELD", "channel", fx.patch("c-1", "p-1", "{\"amount\":10,\"channel\":\"x\"}"));
        assertError(400, "MISSING_FIELD", null, fx.patch("c-1", "p-1", "{}"));
        assertError(400, "INVALID_FIELD", "customerId", fx.patch("c 1", "p-1", "{\"amount\":10}"));
        assertEquals(before, fx.item("c-1", "p-1"));
    }

    @Test
    void aPurchaseWithRefundsIsDeletedAfterItsRefunds() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "15", "2026-11-05T10:00:00Z")));
        assertStatus(201, fx.post(refund("c-1", "r-2", "p-1", "5", "2026-11-06T10:00:00Z")));

        assertError(409, "PURCHASE_HAS_REFUNDS", null, fx.delete("c-1", "p-1"));
        assertEquals(3, fx.purchases().size());

        APIGatewayV2HTTPResponse deletedRefund = fx.delete("c-1", "r-1");
        assertStatus(200, deletedRefund);
        assertEquals("REFUND", json(deletedRefund).get("kind").asText());
        assertEquals(0, new BigDecimal("5").compareTo(number("p-1", "refundedAmount")));
        assertTrue(fx.item("c-1", "r-1").isEmpty());

        assertStatus(200, fx.delete("c-1", "r-2"));
        assertEquals(0, number("p-1", "refundedAmount").signum());
        APIGatewayV2HTTPResponse deleted = fx.delete("c-1", "p-1");
        assertStatus(200, deleted);
        assertEquals("40.00", json(deleted).get("amount").decimalValue().toPlainString());
        assertEquals(0, fx.purchases().size());
    }

    @Test
    void deletingAnUnknownPurchaseIs404() {
        assertError(404, "NOT_FOUND", null, fx.delete("c-1", "p-2"));
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void aDeletedIdCanBeUsedAgain() {
        assertStatus(200, fx.delete("c-1", "p-1"));
        assertStatus(201, fx.post(purchase("c-1", "p-1", "12", "2026-11-02T10:00:00Z", "")));
        assertEquals(0, new BigDecimal("12").compareTo(number("p-1", "amount")));
    }
}
