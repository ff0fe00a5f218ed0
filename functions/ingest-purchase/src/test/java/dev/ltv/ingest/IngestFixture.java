package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.testing.OpenApiContract;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** One pair of fresh tables in the shared DynamoDB Local, and a handler on them with a clock the test controls. */
final class IngestFixture {

    /** After every date in events/, as sam local invoke (real clock) also is. */
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String POST = "POST /purchases";
    static final String PATCH = "PATCH /customers/{customerId}/purchases/{purchaseId}";
    static final String DELETE = "DELETE /customers/{customerId}/purchases/{purchaseId}";
    static final String LIST = "GET /customers/{customerId}/purchases";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Reads numbers as written: a response's 49.90 must not be seen as 49.9. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    final LocalDynamoDb dynamo = LocalDynamoDb.shared();
    final Map<String, String> tables;
    final LtvConfig config;
    final MutableClock clock = new MutableClock(NOW);
    final IngestPurchaseHandler handler;

    IngestFixture() {
        this(Map.of());
    }

    IngestFixture(Map<String, String> env) {
        tables = dynamo.createTables("ingest-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-");
        Map<String, String> values = new HashMap<>(Map.of(
                "PURCHASES_TABLE", tables.get("PurchasesTable"),
                "LTV_TABLE", tables.get("LtvTable"),
                "DYNAMODB_ENDPOINT", dynamo.endpoint().toString()));
        values.putAll(env);
        config = LtvConfig.from(Env.of(values));
        handler = new IngestPurchaseHandler(config, dynamo.client(), clock);
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Loaded as the Lambda Java runtime's serialisation would (aws-lambda-java-tests). */
    static APIGatewayV2HTTPEvent event(String file) {
        return EventLoader.loadApiGatewayHttpEvent(repoRoot().resolve("events").resolve(file).toString());
    }

    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return invoke(event, null);
    }

    /** With a Lambda context: the handler then publishes its metrics and log lines, as on Lambda. */
    APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        assertClean(response);
        OpenApiContract.load().check(event, response); // docs/openapi.yaml describes every exchange of these tests
        return response;
    }

    APIGatewayV2HTTPResponse invokeFile(String file) {
        return invoke(event(file));
    }

    APIGatewayV2HTTPResponse post(String body) {
        return invoke(request("POST", "/purchases", POST, body, "application/json", null));
    }

    APIGatewayV2HTTPResponse patch(String customerId, String purchaseId, String body) {
        return invoke(request("PATCH", "/customers/" + customerId + "/purchases/" + purchaseId, PATCH, body,
                "application/json", Map.of("customerId", customerId, "purchaseId", purchaseId)));
    }

    APIGatewayV2HTTPResponse delete(String customerId, String purchaseId) {
        return invoke(request("DELETE", "/customers/" + customerId + "/purchases/" + purchaseId, DELETE, null, null,
                Map.of("customerId", customerId, "purchaseId", purchaseId)));
    }

    /** GET /customers/{customerId}/purchases with the query parameters given (in order). */
    APIGatewayV2HTTPResponse list(String customerId, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = request("GET", "/customers/" + customerId + "/purchases", LIST, null, null,
                Map.of("customerId", customerId));
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setRawQueryString(String.join("&", query.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .toList()));
        return invoke(event);
    }

    static APIGatewayV2HTTPEvent request(String method, String path, String routeKey, String body, String contentType,
                                         Map<String, String> pathParameters) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .build())
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    /** A purchase body; {@code extra} is spliced in as further JSON members (e.g. {@code "channel":"web"}). */
    static String purchase(String customerId, String purchaseId, String amount, String purchasedAt, String extra) {
        return "{\"customerId\":\"" + customerId + "\",\"purchaseId\":\"" + purchaseId + "\",\"amount\":" + amount
                + ",\"currency\":\"USD\",\"purchasedAt\":\"" + purchasedAt + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String refund(String customerId, String refundId, String refundOf, String amount, String at) {
        return purchase(customerId, refundId, amount, at, "\"kind\":\"REFUND\",\"refundOf\":\"" + refundOf + "\"");
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return EXACT.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    List<Map<String, AttributeValue>> purchases() {
        return dynamo.client().scan(b -> b.tableName(tables.get("PurchasesTable")).consistentRead(true)).items();
    }

    Map<String, AttributeValue> item(String customerId, String purchaseId) {
        return dynamo.client().getItem(b -> b.tableName(tables.get("PurchasesTable")).consistentRead(true)
                .key(Map.of("customerId", AttributeValue.fromS(customerId), "purchaseId", AttributeValue.fromS(purchaseId))))
                .item();
    }

    /** Ingest writes the purchases table only; a refused request writes nothing at all. */
    void assertNothingWritten() {
        assertEquals(List.of(), purchases());
        assertEquals(List.of(), dynamo.client().scan(b -> b.tableName(tables.get("LtvTable"))).items());
    }

    static void assertStatus(int expected, APIGatewayV2HTTPResponse response) {
        assertEquals(expected, response.getStatusCode(), response::getBody);
    }

    static void assertError(int status, String code, String field, APIGatewayV2HTTPResponse response) {
        assertStatus(status, response);
        JsonNode error = json(response).path("error");
        assertEquals(code, error.path("code").asText(null), response::getBody);
        assertEquals(field, error.path("field").asText(null), response::getBody);
        assertFalse(error.path("message").asText("").isBlank(), response::getBody);
    }

    /** Whatever happened, a response is JSON and never shows internals. */
    static void assertClean(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        json(response);
        for (String internal : List.of("Exception", "\tat ", "at dev.ltv", "java.", "software.amazon", "jackson")) {
            assertFalse(body.contains(internal), () -> "response shows internals (" + internal + "): " + body);
        }
        assertTrue(response.getStatusCode() >= 200 && response.getStatusCode() < 600);
    }
}
