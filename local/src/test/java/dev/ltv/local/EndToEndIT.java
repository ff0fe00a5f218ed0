package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real stack over HTTP, as a newcomer runs it with {@code ./ltv local}: the repository's template.yaml,
 * the four real functions, DynamoDB Local, the stream poller. Purchases go in through the ingest route,
 * the stream recalculates, the query route answers with the numbers of the formula.
 */
class EndToEndIT {

    private static LocalStack stack;
    private static CheckedApi api;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackOptions.defaults()
                .withPort(0)
                .withTemplate(repositoryTemplate())
                .withPollInterval(Duration.ofMillis(50)));
        api = new CheckedApi(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static Path repositoryTemplate() {
        return RepositoryFiles.template();
    }

    @Test
    void threePurchasesGiveTheClassicLtvOfTheFormula() throws Exception {
        HttpResponse<String> one = post("/purchases", """
                {"purchaseId": "e2e-1", "customerId": "c-e2e", "amount": 100.00, "currency": "USD",
                 "purchasedAt": "2026-01-10T10:00:00Z"}""");
        assertEquals(201, one.statusCode(), one.body());
        HttpResponse<String> batch = post("/purchases", """
                {"purchases": [
                  {"purchaseId": "e2e-2", "customerId": "c-e2e", "amount": "50.00", "currency": "USD", "purchasedAt": "2026-03-01T09:30:00Z"},
                  {"purchaseId": "e2e-3", "customerId": "c-e2e", "amount": 30, "currency": "USD", "purchasedAt": "2026-06-30T18:00:00+02:00"}
                ]}""");
        assertEquals(200, batch.statusCode(), batch.body());
        stack.awaitStreamDrained(Duration.ofSeconds(30));

        // revenue 180 over 3 purchases: average purchase value 60; first to last purchase 171 days, so the
        // window is floored at one year: 3 purchases a year; customer value 180 a year.
        // Template defaults: margin 1, CAC 0, lifespan 3 years → LTV 540.00.
        JsonNode ltv = getJson("/customers/c-e2e/ltv", 200);
        JsonNode classic = ltv.path("classic");
        assertMoney("60.00", classic.path("averagePurchaseValue"));
        assertMoney("3", classic.path("purchaseFrequencyPerYear"));
        assertMoney("180.00", classic.path("customerValuePerYear"));
        assertMoney("540.00", classic.path("ltv"));

        // overrides: 180 × 5 years × 0.4 − 25 = 335.00; LTV:CAC = 13.4
        JsonNode overridden = getJson("/customers/c-e2e/ltv?grossMargin=0.4&acquisitionCost=25&lifespanYears=5", 200);
        assertMoney("335.00", overridden.path("classic").path("ltv"));
        assertMoney("13.4", overridden.path("classic").path("ltvToCac"));

        // a refund of 30 through the API lowers the revenue to 150: APV 50, CV 150, LTV 450
        HttpResponse<String> refund = post("/purchases", """
                {"purchaseId": "e2e-r1", "customerId": "c-e2e", "kind": "REFUND", "refundOf": "e2e-1", "amount": "30.00",
                 "currency": "USD", "purchasedAt": "2026-07-01T10:00:00Z"}""");
        assertEquals(201, refund.statusCode(), refund.body());
        stack.awaitStreamDrained(Duration.ofSeconds(30));
        assertMoney("450.00", getJson("/customers/c-e2e/ltv", 200).path("classic").path("ltv"));

        JsonNode metrics = getJson("/metrics", 200);
        assertEquals(1, metrics.path("customers").asInt(), metrics.toString());
        assertEquals(3, metrics.path("purchases").asInt(), metrics.toString());
    }

    @Test
    void aPurchaseChangesThePredictedClvWithinOneStreamBatch() throws Exception {
        // the CDNOW sample's first 400 customers, calibration period (to 1997-09-30), posted through the API
        List<CdnowSample.Row> rows = CdnowSample.rows().stream()
                .filter(row -> Integer.parseInt(row.customerId().substring(3)) <= 400 && !row.day().isAfter(LocalDate.of(1997, 9, 30)))
                .toList();
        for (String batch : CdnowSample.batches(rows)) {
            assertEquals(200, post("/purchases", batch).statusCode());
        }
        stack.awaitStreamDrained(Duration.ofSeconds(120));
        HttpResponse<String> fit = post("/model/fit", "{\"asOf\": \"1997-09-30\", \"unit\": \"weeks\"}");
        assertEquals(200, fit.statusCode(), fit.body());

        // customer 1 bought on 3 days up to 1997-09-30; we look at them on 1997-10-31, before and after a purchase.
        // A container that saw "no model yet" believes it for a few seconds: poll until the fit shows.
        JsonNode before = getJson("/customers/cd-1/ltv?asOf=1997-10-31", 200).path("predictive");
        for (int i = 0; i < 40 && !"OK".equals(before.path("status").asText()); i++) {
            Thread.sleep(250);
            before = getJson("/customers/cd-1/ltv?asOf=1997-10-31", 200).path("predictive");
        }
        assertEquals("OK", before.path("status").asText(), before.toString());
        JsonNode model = getJson("/model", 200);
        assertEquals("FITTED", model.path("status").asText(), model.toString());
        assertEquals(before.path("modelVersion").asLong(), model.path("model").path("version").asLong());
        assertEquals("1997-09-30", model.path("model").path("asOf").asText());

        HttpResponse<String> purchase = post("/purchases", """
                {"purchaseId": "cd-new", "customerId": "cd-1", "amount": "45.00", "currency": "USD", "purchasedAt": "1997-10-20T12:00:00Z"}""");
        assertEquals(201, purchase.statusCode(), purchase.body());
        stack.awaitStreamDrained(Duration.ofSeconds(30));

        JsonNode after = getJson("/customers/cd-1/ltv?asOf=1997-10-31", 200).path("predictive");
        assertEquals("OK", after.path("status").asText(), after.toString());
        assertEquals(before.path("modelVersion"), after.path("modelVersion"));
        // a fresh purchase makes the customer more likely alive and worth more
        assertTrue(after.path("probabilityAlive").asDouble() > before.path("probabilityAlive").asDouble(), before + " → " + after);
        assertTrue(after.path("clv").decimalValue().compareTo(before.path("clv").decimalValue()) > 0, before + " → " + after);
    }

    @Test
    void clientMistakesGetClearErrorsAndUnknownCustomersA404() throws Exception {
        HttpResponse<String> invalid = post("/purchases", """
                {"purchaseId": "bad-1", "customerId": "c-bad", "amount": -5, "currency": "USD", "purchasedAt": "2026-01-10T10:00:00Z"}""");
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals(true, invalid.body().contains("amount"), invalid.body());
        getJson("/customers/c-nobody/ltv", 404);
    }

    @Test
    void theStackServesTheApiDescription() throws Exception {
        HttpResponse<String> document = HTTP.send(HttpRequest.newBuilder(uri("/openapi.yaml")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode());
        assertTrue(document.headers().firstValue("content-type").orElse("").startsWith("application/yaml"));
        assertEquals(Files.readString(OpenApiContract.documentPath()), document.body());
        // not a route of the API: other methods and paths under it go to the API, which has no such route
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/openapi.yaml")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post.statusCode());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(uri("/openapi.yaml/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static void assertMoney(String expected, JsonNode actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), "expected " + expected + " but was " + actual);
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return api.post(path, body);
    }

    private static JsonNode getJson(String path, int expectedStatus) throws IOException, InterruptedException {
        return api.getJson(path, expectedStatus);
    }

    private static URI uri(String path) {
        return stack.baseUri().resolve(path);
    }
}
