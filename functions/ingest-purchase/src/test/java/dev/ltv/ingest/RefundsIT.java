package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.ltv.ingest.IngestFixture.assertError;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.json;
import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refunds: their own items, written together with the refunded purchase's refundedAmount. */
class RefundsIT {

    private final IngestFixture fx = new IngestFixture();

    @BeforeEach
    void aPurchaseOf50() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "50.00", "2026-11-01T22:30:00-05:00", "")));
    }

    private BigDecimal refunded() {
        return new BigDecimal(fx.item("c-1", "p-1").get("refundedAmount").n());
    }

    @Test
    void refundsUpToTheFullAmountAreAccepted() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "20.00", "2026-11-05T10:00:00Z")));
        assertStatus(201, fx.post(refund("c-1", "r-2", "p-1", "30", "2026-11-06T10:00:00Z")));

        assertEquals(0, new BigDecimal("50").compareTo(refunded()));
        // the purchase's business day (UTC): 22:30 at UTC-5 is 03:30 on 2 November
        assertEquals("2026-11-02", fx.item("c-1", "r-1").get("day").s());
        assertEquals("2026-11-02", fx.item("c-1", "r-2").get("day").s());
        assertEquals("2026-11-06T10:00:00Z", fx.item("c-1", "r-2").get("purchasedAt").s());
        assertEquals(3, fx.purchases().size());
    }

    @Test
    void aRefundBeyondWhatIsLeftIsRefusedAndWritesNothing() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "45", "2026-11-05T10:00:00Z")));
        Map<String, AttributeValue> purchase = fx.item("c-1", "p-1");

        APIGatewayV2HTTPResponse response = fx.post(refund("c-1", "r-2", "p-1", "5.01", "2026-11-06T10:00:00Z"));

        assertError(422, "REFUND_EXCEEDS_PURCHASE", "amount", response);
        String message = json(response).get("error").get("message").asText();
        assertTrue(message.contains("50.01") && message.contains("45.00"), message);
        assertEquals(purchase, fx.item("c-1", "p-1"));
        assertTrue(fx.item("c-1", "r-2").isEmpty());
    }

    @Test
    void aRefundOfAnUnknownPurchaseIsRefused() {
        assertError(422, "REFUND_TARGET_NOT_FOUND", "refundOf", fx.post(refund("c-1", "r-1", "p-404", "1", "2026-11-05T10:00:00Z")));
        // the purchase exists, but for another customer
        assertError(422, "REFUND_TARGET_NOT_FOUND", "refundOf", fx.post(refund("c-2", "r-1", "p-1", "1", "2026-11-05T10:00:00Z")));
        assertEquals(1, fx.purchases().size());
    }

    @Test
    void aRefundOfARefundIsRefused() {
        assertStatus(201, fx.post(refund("c-1", "r-1", "p-1", "5", "2026-11-05T10:00:00Z")));

        APIGatewayV2HTTPResponse response = fx.post(refund("c-1", "r-2", "r-1", "1", "2026-11-06T10:00:00Z"));

        assertError(422, "REFUND_TARGET_IS_REFUND", "refundOf", response);
        assertTrue(json(response).get("error").get("message").asText().contains("p-1"));
        assertEquals(2, fx.purchases().size());
        assertEquals(0, new BigDecimal("5").compareTo(refunded()));
    }

    @Test
    void aRetriedRefundIsADuplicateEvenOnceItUsedUpThePurchase() {
        String full = refund("c-1", "r-1", "p-1", "50", "2026-11-05T10:00:00Z");
        assertStatus(201, fx.post(full));

        assertStatus(200, fx.post(full));
        assertError(409, "CONFLICT", "purchaseId", fx.post(refund("c-1", "r-1", "p-1", "49", "2026-11-05T10:00:00Z")));
        assertEquals(0, new BigDecimal("50").compareTo(refunded()));
        assertEquals(2, fx.purchases().size());
    }

    @Test
    void aRefundIdThatIsAPurchaseIsAConflict() {
        APIGatewayV2HTTPResponse response = fx.post(purchase("c-1", "p-2", "5", "2026-11-05T10:00:00Z", ""));
        assertStatus(201, response);

        APIGatewayV2HTTPResponse clash = fx.post(refund("c-1", "p-2", "p-1", "5", "2026-11-05T10:00:00Z"));

        assertError(409, "CONFLICT", "purchaseId", clash);
        assertTrue(json(clash).get("error").get("message").asText().contains("kind"));
        assertEquals(0, refunded().signum());
    }

    @Test
    void concurrentRefundsNeverExceedThePurchase() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String body = refund("c-1", "r-" + i, "p-1", "10", "2026-11-05T10:00:00Z");
                answers.add(pool.submit(() -> fx.post(body)));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> answer : answers) {
                codes.add(answer.get().getStatusCode());
            }
            assertEquals(5, codes.stream().filter(c -> c == 201).count(), codes::toString);
            assertEquals(7, codes.stream().filter(c -> c == 422 || c == 503).count(), codes::toString);
        } finally {
            pool.shutdown();
        }
        assertEquals(0, new BigDecimal("50").compareTo(refunded()));
        assertEquals(6, fx.purchases().size());
    }
}
