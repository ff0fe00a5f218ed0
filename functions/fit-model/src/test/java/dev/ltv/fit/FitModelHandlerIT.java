package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.model.CachedModelSource;
import dev.ltv.model.FitAttempt;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.Transaction;
import dev.ltv.predict.TransactionCsv;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateStore;
import dev.ltv.testing.OpenApiContract;
import dev.ltv.testing.RecordedTelemetry;
import dev.ltv.testing.RecordingContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fit end to end on DynamoDB Local: CDNOW's calibration purchases written through the real recalculation
 * path, fitted through the handler, and the published BG/NBD figures (Fader, Hardie &amp; Lee 2005) read back.
 */
class FitModelHandlerIT {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final String CDNOW_FIT = "{\"asOf\": \"1997-09-30\", \"unit\": \"weeks\"}";

    private static LocalDynamoDb dynamo;
    private static LtvConfig cdnowConfig;
    private static int calibrationCustomers;

    static final class ManualClock extends Clock {
        volatile Instant now = Instant.parse("2024-03-15T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void cdnowStates() throws Exception {
        cdnowConfig = config("fit-cdnow");
        calibrationCustomers = writeStates(cdnowConfig, calibrationTransactions());
    }

    static LocalDynamoDb dynamo() {
        if (dynamo == null) {
            dynamo = LocalDynamoDb.shared();
        }
        return dynamo;
    }

    static LtvConfig config(String name) {
        dynamo();
        Map<String, String> tables = dynamo.createTables(name + "-" + System.nanoTime() + "-");
        return LtvConfig.from(Env.of(Map.of(
                "PURCHASES_TABLE", tables.get("PurchasesTable"),
                "LTV_TABLE", tables.get("LtvTable"),
                "DYNAMODB_ENDPOINT", dynamo.endpoint().toString())));
    }

    /** The published calibration period only: purchases up to 1997-09-30 inclusive. */
    static List<Transaction> calibrationTransactions() throws IOException {
        try (Reader in = Files.newBufferedReader(repoRoot().resolve("shared/src/test/resources/cdnow_transactions.csv"),
                StandardCharsets.UTF_8)) {
            return TransactionCsv.read(in).stream().filter(t -> !t.day().isAfter(CALIBRATION_END)).toList();
        }
    }

    /** Each CSV row becomes one inserted purchase, applied exactly as a stream record would be. */
    static int writeStates(LtvConfig config, List<Transaction> transactions) throws Exception {
        Map<String, List<PurchaseChange>> byCustomer = new LinkedHashMap<>();
        int row = 0;
        for (Transaction t : transactions) {
            row++;
            Purchase purchase = new Purchase(t.customerId(), "cdnow-" + row, PurchaseKind.PURCHASE, t.amount(), "USD",
                    t.day().atTime(LocalTime.NOON).atOffset(ZoneOffset.UTC), t.day(), null, null, null, null);
            byCustomer.computeIfAbsent(t.customerId(), id -> new ArrayList<>())
                    .add(new PurchaseChange("event-" + row, Integer.toString(row), t.customerId(), null, purchase));
        }
        StateStore store = new StateStore(dynamo.client(), config.ltvTable(), CapacityMeter.OFF);
        Recalculator recalculator = new Recalculator(dynamo.client(), store, Duration.ofDays(7), Clock.systemUTC(),
                CapacityMeter.OFF);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            byCustomer.forEach((customer, changes) -> writes.add(pool.submit(() -> recalculator.apply(customer, changes))));
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        return byCustomer.size();
    }

    /** Invokes as API Gateway would, and checks the exchange against docs/openapi.yaml. */
    private static APIGatewayV2HTTPResponse checked(FitModelHandler handler, APIGatewayV2HTTPEvent event) {
        return checked(handler, event, null);
    }

    private static APIGatewayV2HTTPResponse checked(FitModelHandler handler, APIGatewayV2HTTPEvent event, RecordingContext context) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        OpenApiContract.load().check(event, response);
        return response;
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws IOException {
        return Json.MAPPER.readTree(response.getBody());
    }

    private static String printed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void fitsCdnowToThePublishedFiguresAndVersionsEachFit() throws Exception {
        assertEquals(2357, calibrationCustomers);
        ManualClock clock = new ManualClock();
        // the refit as of 2024 sees 26 years of silence, where Pareto/NBD's likelihood is slow: a short budget
        FitModelHandler handler = new FitModelHandler(cdnowConfig, dynamo.client(), clock,
                Env.of(Map.of("CANDIDATE_FIT_SECONDS", "10")));
        ModelStore models = new ModelStore(dynamo.client(), cdnowConfig.ltvTable());
        CachedModelSource cache = new CachedModelSource(models, Duration.ofMinutes(5), clock);

        APIGatewayV2HTTPResponse first;
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            first = checked(handler, FitRequestTest.post(CDNOW_FIT), new RecordingContext("fit-cdnow"));
            JsonNode metrics = recorded.single();
            assertEquals(1, metrics.get("FitsFitted").asLong());
            assertEquals(0, metrics.get("FitsRefused").asLong());
            assertEquals(0, metrics.get("FitsFailed").asLong());
            assertEquals(2357, metrics.get("FitCustomers").asLong());
            assertTrue(metrics.get("FitDuration").asLong() >= 0);
            assertEquals("api", metrics.get("trigger").asText());
        }
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode fit = body(first);
        assertEquals("FITTED", fit.get("status").asText());
        assertEquals(1, fit.get("version").asLong());
        assertEquals("1997-09-30", fit.get("asOf").asText());
        assertEquals("weeks", fit.get("unit").asText());
        assertEquals("2024-03-15T08:00:00Z", fit.get("fittedAt").asText());
        assertEquals(2357, fit.get("customers").asLong());
        // Fader, Hardie & Lee (2005): 946 of the 2,357 customers bought again within the calibration period
        assertEquals(946, fit.get("repeatCustomers").asLong());
        JsonNode bgnbd = fit.get("bgnbd");
        assertEquals("0.243", printed(bgnbd.get("r").asDouble(), 3));
        assertEquals("4.414", printed(bgnbd.get("alpha").asDouble(), 3));
        assertEquals("0.793", printed(bgnbd.get("a").asDouble(), 3));
        assertEquals("2.426", printed(bgnbd.get("b").asDouble(), 3));
        assertEquals("-9582.4", printed(bgnbd.get("logLikelihood").asDouble(), 1));
        JsonNode spend = fit.get("gammaGamma");
        // Fader, Hardie & Lee, "The Gamma-Gamma model of monetary value" (2013), CDNOW
        assertEquals("6.25", printed(spend.get("p").asDouble(), 2));
        assertEquals("3.74", printed(spend.get("q").asDouble(), 2));
        assertEquals("15.44", printed(spend.get("gamma").asDouble(), 2));
        assertTrue(fit.get("durationMillis").asLong() >= 0);

        StoredModel latest = cache.latest().orElseThrow();
        assertEquals(1, latest.version());
        assertEquals(bgnbd.get("r").asDouble(), latest.bgNbd().r()); // stored without losing a digit

        clock.now = clock.now.plus(Duration.ofMinutes(1));
        APIGatewayV2HTTPResponse second = checked(handler, FitRequestTest.post(""));
        assertEquals(200, second.getStatusCode(), second.getBody());
        JsonNode refit = body(second);
        assertEquals(2, refit.get("version").asLong());
        // the default calibration end: yesterday in the business zone (UTC)
        assertEquals("2024-03-14", refit.get("asOf").asText());
        assertEquals(2, models.latest().orElseThrow().version());
        assertEquals(1, models.version(1).orElseThrow().version());
        // the second fit ends later, so every customer is older: same purchases, a different α
        assertTrue(models.latest().orElseThrow().bgNbd().alpha() != latest.bgNbd().alpha());

        // the cache serves version 1 until its five minutes are up, then the new one
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        assertEquals(1, cache.latest().orElseThrow().version());
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals(2, cache.latest().orElseThrow().version());

        // a calibration period before the first purchase has no customers: refused (not the client's mistake:
        // 200 with the status), recorded as the last fit, version 2 stays
        APIGatewayV2HTTPResponse early = checked(handler, FitRequestTest.post("{\"asOf\": \"1996-12-31\"}"));
        assertEquals(200, early.getStatusCode(), early.getBody());
        JsonNode refusal = body(early);
        assertEquals("INSUFFICIENT_DATA", refusal.get("status").asText());
        assertNull(refusal.get("error"));
        assertTrue(refusal.get("reason").asText().contains("has 0"), refusal.toString());
        assertTrue(refusal.get("reason").asText().contains("model version 2 stays in use"), refusal.toString());
        assertEquals(2, refusal.get("latestVersion").asLong());
        assertEquals(0, refusal.get("customers").asLong());
        assertEquals(2, models.latest().orElseThrow().version());
        FitAttempt last = models.lastFit().orElseThrow();
        assertEquals(FitAttempt.Outcome.INSUFFICIENT_DATA, last.outcome());
        assertEquals(LocalDate.of(1996, 12, 31), last.asOf());

        // mid-calibration: most customers bought after 1997-06-30 and are rewound from their day items; the
        // fit must equal one on the transaction log cut at that day
        APIGatewayV2HTTPResponse rewound = checked(handler, FitRequestTest.post("{\"asOf\": \"1997-06-30\"}"));
        assertEquals(200, rewound.getStatusCode(), rewound.getBody());
        JsonNode mid = body(rewound).get("bgnbd");
        var reference = (dev.ltv.predict.ClvModel) dev.ltv.predict.ClvModel.fit(dev.ltv.predict.RfmSummary.fromTransactions(
                calibrationTransactions(), LocalDate.of(1997, 6, 30), dev.ltv.predict.TimeUnit.WEEKS));
        var expected = reference.purchases().parameters();
        assertEquals(expected.r(), mid.get("r").asDouble(), 1e-9 * expected.r());
        assertEquals(expected.alpha(), mid.get("alpha").asDouble(), 1e-9 * expected.alpha());
        assertEquals(expected.a(), mid.get("a").asDouble(), 1e-9 * expected.a());
        assertEquals(expected.b(), mid.get("b").asDouble(), 1e-9 * expected.b());
        assertEquals(reference.spend().parameters().p(), body(rewound).get("gammaGamma").get("p").asDouble(),
                1e-9 * reference.spend().parameters().p());
        assertEquals(3, body(rewound).get("version").asLong());
        // the standard errors are stored with the version, equal to those of the reference fit
        var errors = models.latest().orElseThrow().standardErrors();
        var expectedErrors = reference.standardErrors();
        assertEquals(expectedErrors.r(), errors.r(), 1e-6 * expectedErrors.r());
        assertEquals(expectedErrors.alpha(), errors.alpha(), 1e-6 * expectedErrors.alpha());
        assertEquals(expectedErrors.b(), errors.b(), 1e-6 * expectedErrors.b());
        assertEquals(expectedErrors.gamma(), errors.gamma(), 1e-6 * expectedErrors.gamma());
    }

    @Test
    void anEmptyTableIsInsufficientDataAndSavesNoModel() throws Exception {
        LtvConfig empty = config("fit-empty");
        FitModelHandler handler = new FitModelHandler(empty, dynamo.client(), new ManualClock());
        APIGatewayV2HTTPResponse response;
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            response = checked(handler, FitRequestTest.post("{}"), new RecordingContext("fit-empty"));
            assertEquals(List.of(0L, 1L, 0L, 0L), List.of(recorded.single().get("FitsFitted").asLong(),
                    recorded.single().get("FitsRefused").asLong(), recorded.single().get("FitsFailed").asLong(),
                    recorded.single().get("FitCustomers").asLong()));
        }
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode refusal = body(response);
        assertEquals("INSUFFICIENT_DATA", refusal.get("status").asText());
        assertEquals("the data are insufficient for the models: needs at least 30 customers, has 0; no model has"
                + " been fitted yet", refusal.get("reason").asText());
        assertNull(refusal.get("latestVersion"));
        ModelStore models = new ModelStore(dynamo.client(), empty.ltvTable());
        assertTrue(models.latest().isEmpty());
        assertTrue(models.lastFit().orElseThrow().reason().contains("customers"));
    }

    @Test
    void invalidBodiesAre400AndFitNothing() throws Exception {
        LtvConfig config = config("fit-invalid");
        FitModelHandler handler = new FitModelHandler(config, dynamo.client(), new ManualClock());
        APIGatewayV2HTTPResponse response = checked(handler, FitRequestTest.post("{\"unit\": \"months\"}"));
        assertEquals(400, response.getStatusCode());
        assertEquals("unit", body(response).get("error").get("field").asText());
        APIGatewayV2HTTPResponse future = checked(handler, FitRequestTest.post("{\"asOf\": \"2024-03-15\"}"));
        assertEquals(400, future.getStatusCode());
        assertEquals("asOf", body(future).get("error").get("field").asText());
        // the parameters are in the body: ?asOf= in the URL is refused, not a fit as of yesterday instead
        APIGatewayV2HTTPEvent inTheUrl = FitRequestTest.post("");
        inTheUrl.setQueryStringParameters(Map.of("asOf", "1997-09-30"));
        inTheUrl.setRawQueryString("asOf=1997-09-30");
        APIGatewayV2HTTPResponse query = checked(handler, inTheUrl);
        assertEquals(400, query.getStatusCode(), query.getBody());
        assertEquals("UNKNOWN_PARAMETER", body(query).get("error").get("code").asText());
        assertEquals("asOf", body(query).get("error").get("field").asText());
        assertTrue(new ModelStore(dynamo.client(), config.ltvTable()).lastFit().isEmpty());
    }

    @Test
    void theScheduledEventIsTheSameRoute() throws Exception {
        // what `aws lambda invoke` with events/fit-scheduled.json sends: the whole pass in one invocation
        JsonNode sample = Json.MAPPER.readTree(repoRoot().resolve("events/fit-scheduled.json").toFile());
        APIGatewayV2HTTPEvent scheduled = Json.MAPPER.treeToValue(sample, APIGatewayV2HTTPEvent.class);
        LtvConfig config = config("fit-schedule");
        APIGatewayV2HTTPResponse response = new FitModelHandler(config, dynamo.client(), new ManualClock())
                .handleRequest(scheduled, null);
        // an empty table: the route is accepted and the fit refused for want of data
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("INSUFFICIENT_DATA", body(response).get("status").asText());
        assertEquals("2024-03-14", body(response).get("asOf").asText());
        APIGatewayV2HTTPEvent other = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /model").build();
        assertEquals(404, new FitModelHandler(config, dynamo.client()).handleRequest(other, null).getStatusCode());
    }

    @Test
    void aScheduledFitThatFailsFailsItsInvocationWhileTheApiAnswers500() throws Exception {
        APIGatewayV2HTTPEvent scheduled = Json.MAPPER.readValue(repoRoot().resolve("events/fit-scheduled.json").toFile(),
                APIGatewayV2HTTPEvent.class);
        assertTrue(FitModelHandler.isScheduled(scheduled));
        // a deployment mistake: the configured table does not exist
        LtvConfig missingTable = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "no-such-purchases",
                "LTV_TABLE", "no-such-table-" + System.nanoTime(), "DYNAMODB_ENDPOINT", dynamo.endpoint().toString())));
        FitModelHandler handler = new FitModelHandler(missingTable, dynamo.client(), new ManualClock());

        // thrown: Lambda counts the invocation in the Errors metric (FitModelErrorsAlarm); the fit's own metrics say so too
        RuntimeException thrown;
        try (RecordedTelemetry recorded = RecordedTelemetry.install()) {
            thrown = assertThrows(RuntimeException.class, () -> handler.handleRequest(scheduled, new RecordingContext("fit-failing")));
            assertEquals(1, recorded.single().get("FitsFailed").asLong());
            assertEquals("schedule", recorded.single().get("trigger").asText());
        }
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof ResourceNotFoundException)) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof ResourceNotFoundException, thrown::toString);

        // the same event through the API (it has a request id) is answered as HTTP, whatever its headers say
        scheduled.getRequestContext().setRequestId("api-request-1");
        assertFalse(FitModelHandler.isScheduled(scheduled));
        APIGatewayV2HTTPResponse response = handler.handleRequest(scheduled, null);
        assertEquals(500, response.getStatusCode(), response.getBody());
        assertEquals("INTERNAL_ERROR", body(response).get("error").get("code").asText());
        APIGatewayV2HTTPResponse onDemand = checked(handler, FitRequestTest.post("{}"));
        assertEquals(500, onDemand.getStatusCode(), onDemand.getBody());
    }

    @Test
    void theOnDemandSampleEventFitsCdnow() throws Exception {
        APIGatewayV2HTTPEvent event = Json.MAPPER.readValue(repoRoot().resolve("events/fit-on-demand.json").toFile(),
                APIGatewayV2HTTPEvent.class);
        LtvConfig config = config("fit-sample");
        writeStates(config, calibrationTransactions());
        APIGatewayV2HTTPResponse response = new FitModelHandler(config, dynamo.client(), new ManualClock())
                .handleRequest(event, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("0.243", printed(body(response).get("bgnbd").get("r").asDouble(), 3));
        assertEquals(1, body(response).get("version").asLong());
    }

    static Path repoRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        return root;
    }
}
