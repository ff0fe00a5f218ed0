package dev.ltv.query;

import dev.ltv.testing.OpenApiContract;
import dev.ltv.testing.RecordingContext;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateStore;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fresh tables from template.yaml on the shared DynamoDB Local, state written through the real recalculation
 * path, and the query handler pinned to the day the sample events were sent (2026-11-20).
 */
final class QueryFixture {

    static final Instant RECALCULATED_AT = Instant.parse("2026-07-01T08:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T09:15:42Z");

    final LocalDynamoDb dynamo = LocalDynamoDb.shared();
    final LtvConfig config;
    final QueryLtvHandler handler;
    private final Recalculator recalculator;
    private final AtomicLong sequence = new AtomicLong();

    QueryFixture(String name) {
        this(name, Map.of());
    }

    /** With more configuration, e.g. ACQUISITION_COST_BY_CHANNEL. */
    QueryFixture(String name, Map<String, String> moreEnvironment) {
        Map<String, String> tables = dynamo.createTables("query-" + name + "-" + System.nanoTime() + "-");
        Map<String, String> env = new HashMap<>(moreEnvironment);
        env.put("PURCHASES_TABLE", tables.get("PurchasesTable"));
        env.put("LTV_TABLE", tables.get("LtvTable"));
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        config = LtvConfig.from(Env.of(env));
        handler = new QueryLtvHandler(config, dynamo.client(), Clock.fixed(NOW, ZoneOffset.UTC));
        recalculator = new Recalculator(dynamo.client(), new StateStore(dynamo.client(), config.ltvTable(), CapacityMeter.OFF),
                Duration.ofDays(7), Clock.fixed(RECALCULATED_AT, ZoneOffset.UTC), CapacityMeter.OFF);
    }

    static Purchase purchase(String customerId, String purchaseId, String amount, String day) {
        OffsetDateTime at = LocalDate.parse(day).atTime(12, 0).atOffset(ZoneOffset.UTC);
        return new Purchase(customerId, purchaseId, PurchaseKind.PURCHASE, new BigDecimal(amount), "USD", at,
                LocalDate.parse(day), "web", null, null, BigDecimal.ZERO);
    }

    static Purchase refund(Purchase of, String refundId, String amount, String refundedOn) {
        OffsetDateTime at = LocalDate.parse(refundedOn).atTime(12, 0).atOffset(ZoneOffset.UTC);
        return new Purchase(of.customerId(), refundId, PurchaseKind.REFUND, new BigDecimal(amount), "USD", at,
                of.day(), null, null, of.purchaseId(), BigDecimal.ZERO);
    }

    /** As the stream would deliver it: an INSERT per purchase, applied by the recalculation. */
    void insert(Purchase... purchases) {
        for (Purchase p : purchases) {
            apply(p.customerId(), null, p);
        }
    }

    /** A REMOVE: the purchase (or refund) is deleted. */
    void remove(Purchase p) {
        apply(p.customerId(), p, null);
    }

    private void apply(String customerId, Purchase oldImage, Purchase newImage) {
        long n = sequence.incrementAndGet();
        var outcome = recalculator.apply(customerId, List.of(
                new PurchaseChange("event-" + n, String.format("%021d", n), customerId, oldImage, newImage)));
        assertEquals(1, outcome.applied(), "the change must take effect");
    }

    /** The three purchases of the README walk-through: 100.00, 50.00 and 30.00. */
    void customerC1001() {
        insert(purchase("c-1001", "p-1", "100.00", "2026-01-10"),
                purchase("c-1001", "p-2", "50.00", "2026-03-01"),
                purchase("c-1001", "p-3", "30.00", "2026-06-30"));
    }

    /** Two purchases exactly four years (1461 days = 4 × 365.25) apart. */
    void customerC2002() {
        insert(purchase("c-2002", "p-4", "40.00", "2022-01-01"),
                purchase("c-2002", "p-5", "20.00", "2026-01-01"));
    }

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return invoke(event, new RecordingContext("test-" + System.nanoTime()));
    }

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, RecordingContext context) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        assertClean(response);
        OpenApiContract.load().check(event, response); // docs/openapi.yaml describes every exchange of these tests
        return response;
    }

    /** Loads a sample event from the repository's events/ folder, as {@code sam local invoke -e} would. */
    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(eventsFolder().resolve(file).toString());
    }

    static Path eventsFolder() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("events");
    }

    /** JSON, and nothing of the implementation leaks into it. */
    static void assertClean(APIGatewayV2HTTPResponse response) {
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        String body = response.getBody();
        for (String leak : new String[]{"Exception", "\tat ", "java.", "software.amazon", "dev.ltv", "Caused by"}) {
            assertFalse(body.contains(leak), () -> "the body shows '" + leak + "': " + body);
        }
    }

    static void assertError(int status, String code, String field, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response::getBody);
        String expectedField = field == null ? "" : ",\"field\":\"" + field + "\"";
        String body = response.getBody();
        assertTrue(body.startsWith("{\"error\":{\"code\":\"" + code + "\",\"message\":\""), body);
        assertTrue(body.endsWith("\"" + expectedField + "}}"), body);
    }
}
