package dev.ltv.local.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ltv.local.LocalStack;
import dev.ltv.local.LocalStackOptions;
import dev.ltv.local.RepositoryFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Duplicate and conflicting requests released at the same moment (a barrier) against the real stack, for every
 * write route: the answers are those of the same requests one after the other, the purchases table holds what
 * one ordering would leave, and afterwards every customer and the company totals equal a full recomputation.
 */
class ConcurrentWritesIT {

    private static final int COPIES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack stack;
    private static ExecutorService pool;

    record Answer(int status, JsonNode body) {
    }

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackOptions.defaults().withPort(0).withTemplate(RepositoryFiles.template())
                .withPollInterval(Duration.ofMillis(50)));
        pool = Executors.newFixedThreadPool(COPIES);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        stack.close();
    }

    /** Sends request(i) for i in 0..COPIES-1, all released by one barrier; answers in index order. */
    private static List<Answer> atOnce(IntFunction<HttpRequest> request) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(COPIES);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            HttpRequest r = request.apply(i);
            futures.add(pool.submit(() -> {
                barrier.await();
                HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), JSON.readTree(response.body()));
            }));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(stack.baseUri().resolve("/purchases")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest patch(String customer, String purchase, String body) {
        return HttpRequest.newBuilder(stack.baseUri().resolve("/customers/" + customer + "/purchases/" + purchase))
                .header("content-type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest delete(String customer, String purchase) {
        return HttpRequest.newBuilder(stack.baseUri().resolve("/customers/" + customer + "/purchases/" + purchase)).DELETE().build();
    }

    private static String purchase(String customer, String id, String amount) {
        return "{\"purchaseId\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"amount\":" + amount
                + ",\"currency\":\"USD\",\"purchasedAt\":\"2026-03-01T10:00:00Z\"}";
    }

    private static String refund(String customer, String id, String of, String amount) {
        return "{\"purchaseId\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"amount\":" + amount
                + ",\"currency\":\"USD\",\"purchasedAt\":\"2026-03-02T10:00:00Z\",\"kind\":\"REFUND\",\"refundOf\":\"" + of + "\"}";
    }

    private static Map<Integer, Integer> statuses(List<Answer> answers) {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return counts;
    }

    private static Map<String, AttributeValue> item(String customer, String purchase) {
        return stack.dynamo().getItem(r -> r.tableName(stack.tableName("PurchasesTable")).consistentRead(true)
                .key(Map.of("customerId", AttributeValue.fromS(customer), "purchaseId", AttributeValue.fromS(purchase)))).item();
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        return new BigDecimal(item.get(name).n());
    }

    private static void created(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(post(body), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void theSamePurchaseAtOnceIsCreatedOnceAndTheRestAreDuplicates() throws Exception {
        List<Answer> answers = atOnce(i -> post(purchase("cc-1", "p-1", "10.00")));
        assertEquals(Map.of(201, 1, 200, COPIES - 1), statuses(answers));
    }

    @Test
    void conflictingPurchasesAtOnceLeaveOneWinnerAndConflictsForTheOthers() throws Exception {
        List<Answer> answers = atOnce(i -> post(purchase("cc-2", "p-1", (10 + i) + ".00")));
        assertEquals(1, Collections.frequency(answers.stream().map(Answer::status).toList(), 201), answers::toString);
        BigDecimal stored = number(item("cc-2", "p-1"), "amount");
        for (int i = 0; i < COPIES; i++) {
            Answer answer = answers.get(i);
            boolean mine = new BigDecimal((10 + i) + ".00").compareTo(stored) == 0;
            assertEquals(mine ? 201 : 409, answer.status(), () -> "copy with amount " + stored + ": " + answer);
        }
    }

    @Test
    void theSameBatchAtOnceCreatesEachItemOnce() throws Exception {
        String batch = "{\"purchases\":[" + purchase("cc-3", "b-1", "1.00") + "," + purchase("cc-3", "b-2", "2.00") + ","
                + purchase("cc-3b", "b-3", "3.00") + "]}";
        List<Answer> answers = atOnce(i -> post(batch));
        Map<String, Integer> created = new TreeMap<>();
        for (Answer answer : answers) {
            assertEquals(200, answer.status(), answer::toString);
            for (JsonNode result : answer.body().path("results")) {
                String outcome = result.path("status").asText();
                assertTrue(outcome.equals("created") || outcome.equals("duplicate"), result::toString);
                if (outcome.equals("created")) {
                    created.merge(result.path("purchaseId").asText(), 1, Integer::sum);
                }
            }
        }
        assertEquals(Map.of("b-1", 1, "b-2", 1, "b-3", 1), created, () -> answers.getFirst().body().toString());
    }

    @Test
    void theSameRefundAtOnceIsCountedOnce() throws Exception {
        created(purchase("cc-4", "p-1", "100.00"));
        List<Answer> answers = atOnce(i -> post(refund("cc-4", "r-1", "p-1", "80.00")));
        assertEquals(Map.of(201, 1, 200, COPIES - 1), statuses(answers));
        assertEquals(0, new BigDecimal("80").compareTo(number(item("cc-4", "p-1"), "refundedAmount")));
    }

    @Test
    void refundsAtOnceNeverExceedThePurchase() throws Exception {
        created(purchase("cc-5", "p-1", "100.00"));
        List<Answer> answers = atOnce(i -> post(refund("cc-5", "r-" + i, "p-1", "30.00")));
        assertEquals(Map.of(201, 3, 422, COPIES - 3), statuses(answers));
        assertEquals(0, new BigDecimal("90").compareTo(number(item("cc-5", "p-1"), "refundedAmount")));
    }

    @Test
    void theSameCorrectionAtOnceGivesTheCorrectedPurchaseToEveryCopy() throws Exception {
        created(purchase("cc-6", "p-1", "100.00"));
        List<Answer> answers = atOnce(i -> patch("cc-6", "p-1", "{\"amount\": 60.00}"));
        assertEquals(Map.of(200, COPIES), statuses(answers));
        answers.forEach(a -> assertEquals(0, new BigDecimal("60").compareTo(a.body().path("amount").decimalValue()), a::toString));
    }

    @Test
    void correctionsAndRefundsAtOnceNeverLeaveARefundAboveTheAmount() throws Exception {
        created(purchase("cc-7", "p-1", "100.00"));
        List<Answer> answers = atOnce(i -> i % 2 == 0 ? patch("cc-7", "p-1", "{\"amount\": " + (20 + i) + ".00}")
                : post(refund("cc-7", "r-" + i, "p-1", "15.00")));
        Map<String, AttributeValue> stored = item("cc-7", "p-1");
        assertTrue(number(stored, "refundedAmount").compareTo(number(stored, "amount")) <= 0, stored::toString);
        int refunds = 0;
        for (int i = 1; i < COPIES; i += 2) {
            int status = answers.get(i).status();
            assertTrue(status == 201 || status == 422, answers.get(i)::toString);
            refunds += status == 201 ? 1 : 0;
        }
        for (int i = 0; i < COPIES; i += 2) {
            int status = answers.get(i).status();
            assertTrue(status == 200 || status == 409, answers.get(i)::toString);
        }
        assertEquals(0, new BigDecimal(15 * refunds).compareTo(number(stored, "refundedAmount")), stored::toString);
    }

    @Test
    void theSameDeletionAtOnceDeletesOnceAndTheRestFindNothing() throws Exception {
        created(purchase("cc-8", "p-1", "100.00"));
        created(refund("cc-8", "r-1", "p-1", "40.00"));
        assertEquals(Map.of(200, 1, 404, COPIES - 1), statuses(atOnce(i -> delete("cc-8", "r-1"))));
        assertEquals(0, number(item("cc-8", "p-1"), "refundedAmount").signum());
        assertEquals(Map.of(200, 1, 404, COPIES - 1), statuses(atOnce(i -> delete("cc-8", "p-1"))));
        assertTrue(item("cc-8", "p-1").isEmpty());
    }

    @Test
    void aDeletionAndRefundsAtOnceEitherDeleteOrRefundNeverBoth() throws Exception {
        created(purchase("cc-9", "p-1", "100.00"));
        List<Answer> answers = atOnce(i -> i == 0 ? delete("cc-9", "p-1") : post(refund("cc-9", "r-" + i, "p-1", "10.00")));
        Map<String, AttributeValue> stored = item("cc-9", "p-1");
        long refunded = answers.subList(1, COPIES).stream().filter(a -> a.status() == 201).count();
        if (answers.getFirst().status() == 200) {
            assertTrue(stored.isEmpty());
            // refunds that came before the deletion would have made it a 409: none may have been stored
            assertEquals(0, refunded, answers::toString);
        } else {
            assertEquals(409, answers.getFirst().status(), answers::toString);
            assertEquals(0, new BigDecimal(10 * refunded).compareTo(number(stored, "refundedAmount")));
        }
        answers.subList(1, COPIES).forEach(a -> assertTrue(a.status() == 201 || a.status() == 422, a::toString));
    }

    /** After every race: the stream applied, every customer's state and the company totals as a recomputation gives them. */
    @org.junit.jupiter.api.AfterEach
    void everyCustomerAndTheCompanyTotalsEqualAFullRecomputation() {
        stack.awaitStreamDrained(Duration.ofSeconds(30));
        Recomputation.Outcome outcome = Recomputation.check(stack.dynamo(), stack.tableName("PurchasesTable"),
                stack.tableName("LtvTable"));
        assertTrue(outcome.consistent(), outcome::toString);
    }

}
