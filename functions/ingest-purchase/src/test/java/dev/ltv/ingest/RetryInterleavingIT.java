package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's retry racing its first attempt, at every possible moment: the copy runs after the first attempt's
 * 1st, 2nd, … call to DynamoDB, until the first attempt makes no more calls. Whatever the interleaving, the two
 * answers are those of two requests one after the other (201 then 200 duplicate; 200 then 404 for a deletion),
 * never a 422 or 409 that only the race produced.
 */
class RetryInterleavingIT {

    private static final String PURCHASE = purchase("c-1", "p-1", "100.00", "2026-11-02T10:00:00Z", "");
    private static final String REFUND = refund("c-1", "r-1", "p-1", "80.00", "2026-11-05T10:00:00Z");

    /** A real client that runs {@code inBetween} once, right after its {@code after}-th call. */
    private static DynamoDbClient interleaving(DynamoDbClient real, int after, Runnable inBetween, AtomicInteger calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    boolean counted = !method.getName().equals("close") && !method.getName().equals("serviceName")
                            && !method.getDeclaringClass().equals(Object.class);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (counted && calls.incrementAndGet() == after) {
                            inBetween.run();
                        }
                    }
                });
    }

    /**
     * @param setUp      what is stored before the race
     * @param request    the request, sent by the racing first attempt and again (directly) as the retry
     * @param expected   the answers in order "first completed, then the other": e.g. 201, 200
     */
    private static void atEveryMoment(Consumer<IngestFixture> setUp, Function<IngestFixture, APIGatewayV2HTTPEvent> request,
                                      int first, int second, Consumer<IngestFixture> check) {
        List<String> seen = new ArrayList<>();
        for (int after = 1; ; after++) {
            IngestFixture fx = new IngestFixture();
            setUp.accept(fx);
            AtomicInteger calls = new AtomicInteger();
            int[] retry = new int[1];
            IngestPurchaseHandler racing = new IngestPurchaseHandler(fx.config, interleaving(fx.dynamo.client(), after,
                    () -> retry[0] = fx.invoke(request.apply(fx)).getStatusCode(), calls), fx.clock);
            APIGatewayV2HTTPResponse response = racing.handleRequest(request.apply(fx), null);
            IngestFixture.assertClean(response);
            if (retry[0] == 0) {
                // the first attempt made fewer calls than "after": every moment has been tried
                assertTrue(!seen.isEmpty(), "the race was never run");
                return;
            }
            seen.add(after + ":" + response.getStatusCode() + "/" + retry[0]);
            boolean firstWon = response.getStatusCode() == first && retry[0] == second;
            boolean retryWon = response.getStatusCode() == second && retry[0] == first;
            assertTrue(firstWon || retryWon, () -> "after call " + seen.getLast() + " (all: " + seen + ")\n" + response.getBody());
            check.accept(fx);
        }
    }

    private static void assertAmount(String expected, String stored) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(stored)), () -> expected + " != " + stored);
    }

    private static APIGatewayV2HTTPEvent post(String body) {
        return IngestFixture.request("POST", "/purchases", IngestFixture.POST, body, "application/json", null);
    }

    private static APIGatewayV2HTTPEvent delete(String customerId, String purchaseId) {
        return IngestFixture.request("DELETE", "/customers/" + customerId + "/purchases/" + purchaseId, IngestFixture.DELETE,
                null, null, Map.of("customerId", customerId, "purchaseId", purchaseId));
    }

    @Test
    void aRetriedPurchase() {
        atEveryMoment(fx -> { }, fx -> post(PURCHASE), 201, 200,
                fx -> assertEquals(1, fx.purchases().size()));
    }

    @Test
    void aRetriedRefundIsADuplicateNeverARefusal() {
        atEveryMoment(fx -> assertEquals(201, fx.post(PURCHASE).getStatusCode()), fx -> post(REFUND), 201, 200,
                fx -> assertAmount("80.00", fx.item("c-1", "p-1").get("refundedAmount").n()));
    }

    @Test
    void aRetriedRefundInABatch() {
        atEveryMoment(fx -> assertEquals(201, fx.post(PURCHASE).getStatusCode()),
                fx -> post("{\"purchases\":[" + REFUND + "]}"), 200, 200, fx -> {
                    assertAmount("80.00", fx.item("c-1", "p-1").get("refundedAmount").n());
                    assertEquals(2, fx.purchases().size());
                });
    }

    @Test
    void aRetriedCorrection() {
        atEveryMoment(fx -> {
                    assertEquals(201, fx.post(PURCHASE).getStatusCode());
                    assertEquals(201, fx.post(refund("c-1", "r-0", "p-1", "10.00", "2026-11-05T10:00:00Z")).getStatusCode());
                },
                fx -> IngestFixture.request("PATCH", "/customers/c-1/purchases/p-1", IngestFixture.PATCH, "{\"amount\": 60.00}",
                        "application/json", Map.of("customerId", "c-1", "purchaseId", "p-1")), 200, 200,
                fx -> assertAmount("60.00", fx.item("c-1", "p-1").get("amount").n()));
    }

    @Test
    void aRetriedDeletionOfARefund() {
        atEveryMoment(fx -> {
                    assertEquals(201, fx.post(PURCHASE).getStatusCode());
                    assertEquals(201, fx.post(REFUND).getStatusCode());
                }, fx -> delete("c-1", "r-1"), 200, 404,
                fx -> {
                    assertAmount("0.00", fx.item("c-1", "p-1").get("refundedAmount").n());
                    assertEquals(1, fx.purchases().size());
                });
    }

    @Test
    void aRetriedDeletionOfAPurchase() {
        atEveryMoment(fx -> assertEquals(201, fx.post(PURCHASE).getStatusCode()), fx -> delete("c-1", "p-1"), 200, 404,
                fx -> assertEquals(0, fx.purchases().size()));
    }
}
