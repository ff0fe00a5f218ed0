package dev.ltv.cli.importer;

import dev.ltv.cli.sigv4.SigV4Signer;
import dev.ltv.cli.sigv4.RequestSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import's HTTP client against a loopback server that plays the API: signing, refusals, retries. */
class PurchasesApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/execute-api/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    private record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    }

    private HttpServer server;
    private URI base;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Received, Answer> answers;

    private record Answer(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                exchange.getRequestBody().readAllBytes());
        received.add(request);
        Answer answer = answers.apply(request);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The API's answer to a valid batch: every item created. */
    private static Answer created(Received request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        JsonNode items = read(request.body()).path("purchases");
        for (int i = 0; i < items.size(); i++) {
            results.addObject().put("index", i).put("status", "created").put("purchaseId", items.get(i).path("purchaseId").asText());
        }
        return new Answer(200, answer.toString());
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<OrderRow> rows(int n) {
        List<OrderRow> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ObjectNode purchase = JSON.createObjectNode().put("purchaseId", "p-" + i).put("customerId", "c-" + i)
                    .put("amount", "1" + i + ".00").put("currency", "USD").put("purchasedAt", "2026-01-10T12:00:00Z");
            rows.add(new OrderRow(i, List.of("c-" + i, "2026-01-10", "1" + i + ".00"), purchase, null, null));
        }
        return rows;
    }

    private PurchasesApi api(RequestSigner signer) {
        return new PurchasesApi(base, HttpClient.newHttpClient(), signer, 4, Duration.ofMillis(10));
    }

    @Test
    void signsWithSigV4ASignatureTheServerCanRecompute() throws Exception {
        answers = PurchasesApiIT::created;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T18:00:00Z"), ZoneOffset.UTC);
        List<RowResult> results = api(new SigV4Signer(credentials, "eu-west-1", clock)).post(rows(3));
        assertEquals(3, results.stream().filter(r -> r.status() == RowResult.Status.CREATED).count());

        Received request = received.get(0);
        assertEquals("/purchases", request.path());
        String authorization = request.headers().get("authorization").get(0);
        Matcher m = AUTHORIZATION.matcher(authorization);
        assertTrue(m.matches(), authorization);
        assertEquals("20261130", m.group(1));
        assertEquals("20261130T180000Z", request.headers().get("x-amz-date").get(0));
        List<String> signedHeaders = List.of(m.group(2).split(";"));
        assertTrue(signedHeaders.containsAll(List.of("host", "x-amz-date")), signedHeaders.toString());

        // the server's side: sign the request as it arrived (the signed headers and the body) with the
        // secret key at the request's date; a header changed in transit, or the body, would differ
        Map<String, String> arrived = new LinkedHashMap<>();
        for (String name : signedHeaders) {
            if (!name.equals("host") && !name.equals("x-amz-date")) {
                arrived.put(name, String.join(",", request.headers().get(name)));
            }
        }
        Instant at = LocalDateTime.parse(request.headers().get("x-amz-date").get(0), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        URI target = URI.create("http://" + request.headers().get("host").get(0) + request.path());
        var recomputed = new SigV4Signer(credentials, "eu-west-1", Clock.fixed(at, ZoneOffset.UTC))
                .sign("POST", target, arrived, request.body());
        assertEquals(authorization, recomputed.get("authorization").get(0));

        // and a different secret gives another signature: the check above can fail
        var other = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "another-secret"));
        String forged = new SigV4Signer(other, "eu-west-1", Clock.fixed(at, ZoneOffset.UTC)).sign("POST", target, arrived, request.body())
                .get("authorization").get(0);
        assertTrue(!forged.equals(authorization));
    }

    @Test
    void theRegionComesFromAnExecuteApiHostName() {
        assertEquals("eu-central-1", SigV4Signer.regionOf(URI.create("https://abc123.execute-api.eu-central-1.amazonaws.com")));
        assertEquals(null, SigV4Signer.regionOf(URI.create("http://127.0.0.1:3000")));
    }

    @Test
    void aRefusedBatchIsSplitIntoTheNamedItemsAndARepostOfTheOthers() throws Exception {
        answers = request -> {
            JsonNode items = read(request.body()).path("purchases");
            if (items.size() == 3) {
                return new Answer(400, """
                        {"error": {"code": "INVALID_FIELD", "message": "2 invalid fields"},
                         "errors": [{"index": 1, "code": "INVALID_FIELD", "field": "purchases[1].amount", "message": "must be greater than 0"},
                                    {"index": 1, "code": "INVALID_FIELD", "field": "purchases[1].currency", "message": "must be USD"}]}""");
            }
            return created(request);
        };
        List<RowResult> results = api(null).post(rows(3));
        assertEquals(2, received.size());
        assertEquals(2, read(received.get(1).body()).path("purchases").size());
        RowResult refused = results.stream().filter(r -> r.status() == RowResult.Status.REJECTED).findFirst().orElseThrow();
        assertEquals(2, refused.row().number());
        assertEquals("INVALID_FIELD", refused.code());
        assertEquals("amount: must be greater than 0; currency: must be USD", refused.message());
        assertEquals(2, results.stream().filter(r -> r.status() == RowResult.Status.CREATED).count());
    }

    @Test
    void itemResultsNameDuplicatesAndConflicts() throws Exception {
        answers = request -> new Answer(200, """
                {"summary": {}, "results": [
                  {"index": 0, "status": "duplicate"},
                  {"index": 1, "status": "conflict", "error": {"code": "CONFLICT", "message": "amount differs from the stored purchase"}}]}""");
        List<RowResult> results = api(null).post(rows(2));
        assertEquals(RowResult.Status.DUPLICATE, results.get(0).status());
        assertEquals(RowResult.Status.REJECTED, results.get(1).status());
        assertEquals("CONFLICT", results.get(1).code());
        assertEquals("amount differs from the stored purchase", results.get(1).message());
    }

    @Test
    void throttlingAndServerErrorsAreRetriedThenGiveUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        answers = request -> calls.incrementAndGet() <= 2
                ? new Answer(503, "{\"error\": {\"code\": \"SERVICE_UNAVAILABLE\", \"message\": \"retry\"}}")
                : created(request);
        assertEquals(2, api(null).post(rows(2)).size());
        assertEquals(3, calls.get());

        answers = request -> new Answer(503, "{\"error\": {\"code\": \"SERVICE_UNAVAILABLE\", \"message\": \"retry\"}}");
        ImportFailure failure = assertThrows(ImportFailure.class, () -> api(null).post(rows(1)));
        assertTrue(failure.getMessage().contains("failed 4 times") && failure.getMessage().contains("503"), failure.getMessage());
    }

    @Test
    void anAuthorisationRefusalStopsTheImportRatherThanRejectingRows() {
        answers = request -> new Answer(403, "{\"message\": \"Forbidden\"}");
        ImportFailure failure = assertThrows(ImportFailure.class, () -> api(null).post(rows(2)));
        assertTrue(failure.getMessage().contains("403"), failure.getMessage());
        assertEquals(1, received.size());
    }
}
