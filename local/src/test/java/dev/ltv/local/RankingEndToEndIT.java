package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDNOW sample (6,919 rows; 2,349 customers with a purchase the API accepts), moved to end yesterday, posted
 * through the local stack's API: the first 100 of {@code GET /customers?orderBy=ltv} and of {@code ?orderBy=revenue}
 * equal the order this test computes from the CSV by itself, and one more purchase moves a customer to the top
 * within one stream batch. After a fit as of the sample's last day (and the daily pass that follows it), the first
 * 100 by {@code predictedClv} equal the order this test computes from its own per-customer sums and the parameters
 * {@code GET /model} serves ({@link IndependentClv}), every customer is ranked with the figure its own route gives,
 * and a purchase since moves its customer with the figure its route gives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the CSV's order first, then one more purchase changes it
class RankingEndToEndIT {

    private static final MathContext DECIMAL128 = MathContext.DECIMAL128;
    private static final BigDecimal DAYS_PER_YEAR = new BigDecimal("365.25");
    private static final LocalDate DATA_END = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static LocalStack stack;
    private static CheckedApi api;
    /** customer id → what the test knows of its purchases, from the CSV and its own posts */
    private static final Map<String, History> HISTORIES = new TreeMap<>();

    /** One customer's purchases as the test posted them: the spend of each purchase day. */
    private static final class History {
        final TreeMap<LocalDate, BigDecimal> spendPerDay = new TreeMap<>();

        static void add(String customerId, LocalDate day, BigDecimal amount) {
            History history = HISTORIES.computeIfAbsent(customerId, id -> new History());
            history.spendPerDay.merge(day, amount, BigDecimal::add);
        }

        BigDecimal revenue() {
            return spendPerDay.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /**
         * The classic LTV with the template's defaults (margin 1, no acquisition or retention cost, 3 years):
         * revenue / purchases × purchases a year over the first-to-last span (at least a year) × 3, so the
         * purchase count cancels out.
         */
        BigDecimal ltv() {
            long span = ChronoUnit.DAYS.between(spendPerDay.firstKey(), spendPerDay.lastKey());
            BigDecimal years = new BigDecimal(span).divide(DAYS_PER_YEAR, DECIMAL128).max(BigDecimal.ONE);
            return revenue().divide(years, DECIMAL128).multiply(new BigDecimal(3), DECIMAL128).setScale(2, RoundingMode.HALF_EVEN);
        }

        BigDecimal predictedClv(IndependentClv model, LocalDate asOf) {
            return model.clv(spendPerDay.size(), spendPerDay.firstKey(), spendPerDay.lastKey(), revenue(),
                    spendPerDay.firstEntry().getValue(), asOf);
        }
    }

    @BeforeAll
    static void postCdnow() throws Exception {
        stack = LocalStack.start(LocalStackOptions.defaults().withPort(0).withTemplate(EndToEndIT.repositoryTemplate())
                .withPollInterval(Duration.ofMillis(50)));
        api = new CheckedApi(stack);
        // the sample moved to end yesterday: predictions made today, a day after its end, still tell customers apart
        List<CdnowSample.Row> rows = CdnowSample.rows(CdnowSample.shiftToEndOn(DATA_END));
        rows.forEach(row -> History.add(row.customerId(), row.day(), row.amount()));
        for (String batch : CdnowSample.batches(rows)) {
            HttpResponse<String> response = send("POST", "/purchases", batch);
            assertEquals(200, response.statusCode(), response.body());
        }
        stack.awaitStreamDrained(Duration.ofSeconds(300));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    @Order(1)
    void theFirst100ByLtvAndByRevenueAreTheOrderComputedFromTheCsv() throws Exception {
        assertEquals(CdnowSample.CUSTOMERS, HISTORIES.size(), "CDNOW customers with a purchase above 0.00");
        for (String orderBy : List.of("ltv", "revenue")) {
            Function<History, BigDecimal> figure = orderBy.equals("ltv") ? History::ltv : History::revenue;
            Map<String, BigDecimal> own = new TreeMap<>();
            HISTORIES.forEach((id, history) -> own.put(id, figure.apply(history)));
            JsonNode page = get("/customers?orderBy=" + orderBy + "&limit=100");
            List<String> listed = new ArrayList<>();
            for (JsonNode customer : page.path("customers")) {
                listed.add(customer.path("customerId").asText());
                assertEquals(0, own.get(customer.path("customerId").asText()).compareTo(customer.path(orderBy).decimalValue()),
                        customer.toString());
            }
            assertEquals(firstHundred(own), listed, orderBy);
            assertFalse(page.path("nextCursor").asText().isEmpty());
        }
        // every customer is listed once, walking all pages by ltv
        int listed = 0;
        String cursor = null;
        do {
            JsonNode page = get("/customers?orderBy=ltv&order=asc&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            listed += page.path("customers").size();
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertEquals(CdnowSample.CUSTOMERS, listed);
    }

    @Test
    @Order(2)
    void oneMorePurchaseMovesItsCustomerToTheTopWithinOneStreamBatch() throws Exception {
        JsonNode top = get("/customers?orderBy=revenue&limit=1").path("customers").get(0);
        String last = get("/customers?orderBy=revenue&order=asc&limit=1").path("customers").get(0).path("customerId").asText();
        BigDecimal more = top.path("revenue").decimalValue().add(BigDecimal.ONE);
        HttpResponse<String> purchase = send("POST", "/purchases", """
                {"purchaseId": "top-up", "customerId": "%s", "amount": "%s", "currency": "USD", "purchasedAt": "%sT12:00:00Z"}"""
                .formatted(last, more.toPlainString(), DATA_END));
        assertEquals(201, purchase.statusCode(), purchase.body());
        History.add(last, DATA_END, more);
        stack.awaitStreamDrained(Duration.ofSeconds(30));
        JsonNode now = get("/customers?orderBy=revenue&limit=2").path("customers");
        assertEquals(last, now.get(0).path("customerId").asText(), now.toString());
        assertEquals(top.path("customerId").asText(), now.get(1).path("customerId").asText());
        JsonNode own = get("/customers/" + last + "/ltv");
        assertEquals(0, own.path("inputs").path("revenue").decimalValue().compareTo(now.get(0).path("revenue").decimalValue()));
        assertEquals(0, own.path("classic").path("ltv").decimalValue().compareTo(now.get(0).path("ltv").decimalValue()));
        assertEquals(0, HISTORIES.get(last).ltv().compareTo(now.get(0).path("ltv").decimalValue()));
        assertTrue(now.get(0).path("revenue").decimalValue().compareTo(more) > 0);
    }

    @Test
    @Order(3)
    void afterAFitTheFirst100ByPredictedClvAreTheOrderComputedFromTheServedParameters() throws Exception {
        HttpResponse<String> fit = send("POST", "/model/fit", "{\"asOf\": \"" + DATA_END + "\", \"unit\": \"weeks\"}");
        assertEquals(200, fit.statusCode(), fit.body());
        assertTrue(fit.body().contains("\"FITTED\""), fit.body());
        JsonNode model = get("/model").path("model");
        assertEquals(DATA_END.toString(), model.path("asOf").asText(), model.toString());
        long version = model.path("version").asLong();
        // the template's defaults: 12 months, 1 % a month, margin 1
        IndependentClv reference = new IndependentClv(model, 12, 0.01, 1);

        // the daily pass that follows the fit gave every customer a snapshot under the new model, as of its own
        // day: the day after the sample's end (or the one after, should the test run across midnight)
        Map<String, JsonNode> ranked = walk("predictedClv");
        assertEquals(CdnowSample.CUSTOMERS, ranked.size(), "every customer, although none bought since the fit");
        LocalDate predictedAsOf = LocalDate.parse(ranked.values().iterator().next().path("predictedAsOf").asText());
        assertTrue(predictedAsOf.isAfter(DATA_END) && !predictedAsOf.isAfter(DATA_END.plusDays(2)), predictedAsOf.toString());
        Map<String, BigDecimal> independent = new TreeMap<>();
        HISTORIES.forEach((id, history) -> independent.put(id, history.predictedClv(reference, predictedAsOf)));
        for (JsonNode customer : ranked.values()) {
            assertEquals(predictedAsOf.toString(), customer.path("predictedAsOf").asText(), customer.toString());
        }
        List<String> expected = firstHundred(independent);
        assertEquals(expected, new ArrayList<>(ranked.keySet()).subList(0, 100), model.path("kind").asText());
        for (String id : expected) {
            assertEquals(0, independent.get(id).compareTo(ranked.get(id).path("predictedClv").decimalValue()),
                    ranked.get(id) + " vs " + independent.get(id));
        }
        long distinct = independent.values().stream().distinct().count();
        assertTrue(distinct > CdnowSample.CUSTOMERS / 4, "the predictions tell customers apart: " + distinct + " distinct figures");

        Map<String, BigDecimal> own = new TreeMap<>();
        for (JsonNode customer : ranked.values()) {
            String id = customer.path("customerId").asText();
            JsonNode predictive = get("/customers/" + id + "/ltv?asOf=" + customer.path("predictedAsOf").asText())
                    .path("predictive");
            assertEquals("OK", predictive.path("status").asText(), predictive.toString());
            assertEquals(version, predictive.path("modelVersion").asLong(), predictive.toString());
            own.put(id, predictive.path("clv").decimalValue());
            assertEquals(0, own.get(id).compareTo(customer.path("predictedClv").decimalValue()), customer + " vs " + predictive);
        }

        Thread.sleep(6_000); // a recalculation that saw "no model yet" believes it for 5 s (CachedModelSource)
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        List<String> buyers = List.of("cd-7", "cd-42", "cd-100", "cd-1500");
        for (int i = 0; i < buyers.size(); i++) {
            HttpResponse<String> purchase = send("POST", "/purchases", """
                    {"purchaseId": "after-fit-%d", "customerId": "%s", "amount": "%d.00", "currency": "USD", "purchasedAt": "%sT00:00:00Z"}"""
                    .formatted(i, buyers.get(i), 20 + 15 * i, today));
            assertEquals(201, purchase.statusCode(), purchase.body());
        }
        stack.awaitStreamDrained(Duration.ofSeconds(30));

        // a purchase after the fit moves its customer at once, with the figure its own route gives
        Map<String, JsonNode> after = walk("predictedClv");
        assertEquals(CdnowSample.CUSTOMERS, after.size());
        for (String buyer : buyers) {
            JsonNode customer = after.get(buyer);
            JsonNode predictive = get("/customers/" + buyer + "/ltv?asOf=" + customer.path("predictedAsOf").asText())
                    .path("predictive");
            assertEquals(0, predictive.path("clv").decimalValue().compareTo(customer.path("predictedClv").decimalValue()),
                    customer + " vs " + predictive);
            assertTrue(predictive.path("clv").decimalValue().compareTo(own.get(buyer)) != 0, "moved: " + customer);
        }
    }

    /** The first 100 ids by figure descending, equal figures by descending id (the exact reverse of ascending). */
    private static List<String> firstHundred(Map<String, BigDecimal> figures) {
        return figures.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().thenComparing(Map.Entry::getKey).reversed())
                .limit(100).map(Map.Entry::getKey).toList();
    }

    /** Every customer in the order {@code orderBy} descending, walking all pages; asserts the order is descending. */
    private static Map<String, JsonNode> walk(String orderBy) throws IOException, InterruptedException {
        Map<String, JsonNode> customers = new java.util.LinkedHashMap<>();
        BigDecimal previous = null;
        String cursor = null;
        do {
            JsonNode page = get("/customers?orderBy=" + orderBy + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode customer : page.path("customers")) {
                BigDecimal figure = customer.path(orderBy).decimalValue();
                assertTrue(previous == null || previous.compareTo(figure) >= 0, "descending at " + customer);
                previous = figure;
                assertTrue(customers.put(customer.path("customerId").asText(), customer) == null, "listed once: " + customer);
            }
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return customers;
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        return api.getJson(path);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return api.send(method, path, body);
    }
}
