package dev.ltv.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.config.LtvConfig;
import dev.ltv.local.testhandlers.EchoHttpHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API of the local stack: requests in API Gateway's payload 2.0 shape, responses mapped back. */
class LocalStackHttpIT {

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.start(TestStacks.options());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @BeforeEach
    void forget() {
        EchoHttpHandler.LAST_EVENT.set(null);
    }

    @Test
    void getBecomesAPayload2EventWithPathQueryHeadersAndCookies() throws Exception {
        long before = Instant.now().toEpochMilli();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/caf%C3%A9%20au+lait?x=1&x=2&name=a%26b&flag"))
                .header("X-Multi", "a")
                .header("X-Multi", "b")
                .header("Cookie", "c1=v1; c2=v2")
                .header("User-Agent", "ltv-test")
                .GET().build());

        assertEquals(200, response.statusCode());
        APIGatewayV2HTTPEvent event = EchoHttpHandler.LAST_EVENT.get();
        assertEquals("2.0", event.getVersion());
        assertEquals("GET /echo/{id}", event.getRouteKey());
        assertEquals("/echo/caf%C3%A9%20au+lait", event.getRawPath());
        assertEquals("x=1&x=2&name=a%26b&flag", event.getRawQueryString());
        assertEquals(Map.of("id", "café au+lait"), event.getPathParameters());
        assertEquals(Map.of("x", "1,2", "name", "a&b", "flag", ""), event.getQueryStringParameters());
        assertEquals("a,b", event.getHeaders().get("x-multi"));
        assertEquals("ltv-test", event.getHeaders().get("user-agent"));
        assertEquals("127.0.0.1", event.getHeaders().get("x-forwarded-for"));
        assertFalse(event.getHeaders().containsKey("cookie"), "payload 2.0 moves cookies out of the headers");
        assertEquals(List.of("c1=v1", "c2=v2"), event.getCookies());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());

        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("GET", context.getHttp().getMethod());
        assertEquals("/echo/caf%C3%A9%20au+lait", context.getHttp().getPath());
        assertEquals("HTTP/1.1", context.getHttp().getProtocol());
        assertEquals("127.0.0.1", context.getHttp().getSourceIp());
        assertEquals("ltv-test", context.getHttp().getUserAgent());
        assertEquals("$default", context.getStage());
        assertEquals("GET /echo/{id}", context.getRouteKey());
        assertFalse(context.getRequestId().isBlank());
        assertTrue(context.getTimeEpoch() >= before && context.getTimeEpoch() <= Instant.now().toEpochMilli());
        assertTrue(context.getTime().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"), context.getTime());
        assertEquals("EchoFunction", EchoHttpHandler.LAST_CONTEXT.get().getFunctionName());
        assertEquals(512, EchoHttpHandler.LAST_CONTEXT.get().getMemoryLimitInMB());
    }

    @Test
    void jsonBodyTravelsAsText() throws Exception {
        String json = "{\"amount\":12.30,\"note\":\"ünïcode\"}";
        send(HttpRequest.newBuilder(uri("/echo/7")).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());

        APIGatewayV2HTTPEvent event = EchoHttpHandler.LAST_EVENT.get();
        assertEquals("POST /echo/{id}", event.getRouteKey());
        assertEquals(json, event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertEquals("application/json; charset=utf-8", event.getHeaders().get("content-type"));
        assertNull(event.getQueryStringParameters());
        assertEquals("", event.getRawQueryString());
    }

    @Test
    void binaryBodyTravelsAsBase64() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xFF};
        send(HttpRequest.newBuilder(uri("/echo/bin")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());

        APIGatewayV2HTTPEvent event = EchoHttpHandler.LAST_EVENT.get();
        assertTrue(event.getIsBase64Encoded());
        assertEquals("AAEC/w==", event.getBody());
    }

    @Test
    void greedyRouteTakesTheRestOfThePathForAnyMethod() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/files/a/b/c.txt")).DELETE().build());

        assertEquals(200, response.statusCode());
        APIGatewayV2HTTPEvent event = EchoHttpHandler.LAST_EVENT.get();
        assertEquals("ANY /files/{proxy+}", event.getRouteKey());
        assertEquals(Map.of("proxy", "a/b/c.txt"), event.getPathParameters());
        assertEquals("DELETE", event.getRequestContext().getHttp().getMethod());
    }

    @Test
    void responseStatusHeadersCookiesAndBodyAreMapped() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/r?status=201")).GET().build());

        assertEquals(201, response.statusCode());
        assertEquals("héllo /echo/r", response.body());
        assertEquals(List.of("GET /echo/{id}"), response.headers().allValues("x-route"));
        assertEquals(List.of("one", "two"), response.headers().allValues("x-multi"));
        assertEquals(List.of("session=abc; Path=/", "theme=dark"), response.headers().allValues("set-cookie"));
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void base64ResponseBodyIsDecoded() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri("/binary")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(EchoHttpHandler.BINARY, response.body());
    }

    @Test
    void requestWithoutARouteGetsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> unknownPath = send(HttpRequest.newBuilder(uri("/nothing/here")).GET().build());
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/binary")).DELETE().build());
        HttpResponse<String> missingParameter = send(HttpRequest.newBuilder(uri("/echo/")).GET().build());

        for (HttpResponse<String> response : List.of(unknownPath, wrongMethod, missingParameter)) {
            assertEquals(404, response.statusCode());
            assertEquals("{\"message\":\"Not Found\"}", response.body());
        }
        assertNull(EchoHttpHandler.LAST_EVENT.get(), "no function was invoked");
    }

    @Test
    void handlerExceptionGivesApiGatewaysInternalServerErrorWithoutDetails() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/boom")).GET().build());

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void handlersAreBuiltWithTheTemplateEnvironmentAndTheLocalDynamoDb() throws Exception {
        send(HttpRequest.newBuilder(uri("/echo/env")).GET().build());

        LtvConfig config = EchoHttpHandler.CONFIG.get();
        assertEquals("PurchasesTable", config.purchasesTable());
        assertEquals("LtvTable", config.ltvTable());
        assertEquals(stack.dynamoDbEndpoint(), config.dynamoDbEndpoint().orElseThrow());
        assertEquals("EUR", config.baseCurrency().getCurrencyCode(), "parameter default through !Ref");
        assertEquals(ZoneId.of("Europe/Paris"), config.businessZone());
        assertEquals(0, new BigDecimal("0.25").compareTo(config.ltvParameters().grossMargin()));
        assertEquals(0, new BigDecimal("2").compareTo(config.ltvParameters().lifespanYears()), "function variable");
        assertEquals(List.of("LtvTable", "PurchasesTable"),
                EchoHttpHandler.DYNAMO.get().listTables().tableNames(), "the handler's client talks to the stack's DynamoDB");
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(stack.baseUri() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
