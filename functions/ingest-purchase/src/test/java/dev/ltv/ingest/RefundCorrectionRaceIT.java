package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A correction that lands between a refund's read of its purchase and the refund's write: the refund must be
 * judged again against the corrected purchase, never exceed it, never be booked to a day it left.
 */
class RefundCorrectionRaceIT {

    /** A real client whose first transaction lets another request run first (the "in between"). */
    private static DynamoDbClient interleaving(DynamoDbClient real, Runnable inBetween) {
        AtomicBoolean done = new AtomicBoolean();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && done.compareAndSet(false, true)) {
                        inBetween.run();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRefundReadBeforeALowerAmountIsJudgedAgainstTheNewAmount() {
        IngestFixture fx = new IngestFixture();
        assertEquals(201, fx.post(purchase("c-1", "p-1", "100.00", "2026-11-02T10:00:00Z", "")).getStatusCode());
        IngestPurchaseHandler racing = new IngestPurchaseHandler(fx.config,
                interleaving(fx.dynamo.client(), () -> assertEquals(200,
                        fx.patch("c-1", "p-1", "{\"amount\": 50.00}").getStatusCode())), fx.clock);

        APIGatewayV2HTTPResponse response = racing.handleRequest(IngestFixture.request("POST", "/purchases", "POST /purchases",
                refund("c-1", "r-1", "p-1", "80.00", "2026-11-05T10:00:00Z"), "application/json", null), null);

        assertEquals(422, response.getStatusCode(), response.getBody());
        assertEquals(0, new BigDecimal("50").compareTo(new BigDecimal(fx.item("c-1", "p-1").get("amount").n())));
        assertEquals(0, new BigDecimal(fx.item("c-1", "p-1").get("refundedAmount").n()).signum(), "no refund recorded");
        assertEquals(true, fx.item("c-1", "r-1").isEmpty(), "the refund was not written");
    }

    @Test
    void aRefundReadBeforeTheDayMovedIsBookedToTheNewDay() {
        IngestFixture fx = new IngestFixture();
        assertEquals(201, fx.post(purchase("c-1", "p-1", "100.00", "2026-11-02T10:00:00Z", "")).getStatusCode());
        IngestPurchaseHandler racing = new IngestPurchaseHandler(fx.config,
                interleaving(fx.dynamo.client(), () -> assertEquals(200,
                        fx.patch("c-1", "p-1", "{\"purchasedAt\": \"2026-11-03T10:00:00Z\"}").getStatusCode())), fx.clock);

        APIGatewayV2HTTPResponse response = racing.handleRequest(IngestFixture.request("POST", "/purchases", "POST /purchases",
                refund("c-1", "r-1", "p-1", "20.00", "2026-11-05T10:00:00Z"), "application/json", null), null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("2026-11-03", fx.item("c-1", "r-1").get("day").s(), "booked to the day the purchase moved to");
    }
}
