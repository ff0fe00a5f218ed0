package dev.ltv.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ltv.cli.sigv4.SigV4Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ltv dashboard}'s forwarding against a loopback server that plays a deployed API with IAM
 * authorization: it accepts a request only when its Authorization header has SigV4's shape and its signature
 * is the one the fixed test credentials give for the request as it arrived (method, path, query, signed
 * headers, body). Never AWS.
 */
class DashboardProxyIT {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/(\\d{8})/eu-west-1/execute-api/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T18:00:00Z"), ZoneOffset.UTC);

    private record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                            boolean signatureValid) {
    }

    private HttpServer api;
    private URI apiBase;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private DashboardProxy proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", this::playTheApi);
        api.start();
        apiBase = URI.create("http://127.0.0.1:" + api.getAddress().getPort() + "/prod");
        proxy = new DashboardProxy(apiBase, new SigV4Signer(CREDENTIALS, "eu-west-1", CLOCK), http, 0);
    }

    @AfterEach
    void stop() {
        proxy.close();
        api.stop(0);
    }

    /** 200 with what arrived when the signature checks out, else 403 as API Gateway's IAM authorizer would. */
    private void playTheApi(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        boolean valid = signatureValid(exchange.getRequestMethod(), path, query, headers, body);
        received.add(new Received(exchange.getRequestMethod(), path, query, headers, body, valid));
        byte[] answer = (valid ? "{\"customers\": 2349, \"currency\": \"USD\"}" : "{\"message\":\"Forbidden\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(valid ? 200 : 403, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static boolean signatureValid(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        List<String> authorization = headers.get("authorization");
        List<String> date = headers.get("x-amz-date");
        if (authorization == null || date == null) {
            return false;
        }
        Matcher m = AUTHORIZATION.matcher(authorization.getFirst());
        if (!m.matches()) {
            return false;
        }
        List<String> signedHeaders = List.of(m.group(2).split(";"));
        if (!signedHeaders.containsAll(List.of("host", "x-amz-date"))) {
            return false;
        }
        Map<String, String> arrived = new LinkedHashMap<>();
        for (String name : signedHeaders) {
            if (!name.equals("host") && !name.equals("x-amz-date")) {
                arrived.put(name, String.join(",", headers.get(name)));
            }
        }
        Instant at = LocalDateTime.parse(date.getFirst(), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
        URI target = URI.create("http://" + headers.get("host").getFirst() + path + (query == null ? "" : "?" + query));
        String expected = new SigV4Signer(CREDENTIALS, "eu-west-1", Clock.fixed(at, ZoneOffset.UTC))
                .sign(method, target, arrived, body).get("authorization").getFirst();
        return expected.equals(authorization.getFirst());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.pageUri().resolve(pathAndQuery))
                .header("accept", "application/json").header("cookie", "session=secret");
        if (body != null) {
            request.header("content-type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiCallsArriveSignedWithSigV4UnderTheStagePathWithTheirQueryAndBody() throws Exception {
        HttpResponse<String> metrics = send("GET", "/metrics?grossMargin=0.4&acquisitionCost=25", null);
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertEquals("{\"customers\": 2349, \"currency\": \"USD\"}", metrics.body());
        Received get = received.getFirst();
        assertTrue(get.signatureValid());
        assertEquals("/prod/metrics", get.path());
        assertEquals("grossMargin=0.4&acquisitionCost=25", get.query());
        Matcher m = AUTHORIZATION.matcher(get.headers().get("authorization").getFirst());
        assertTrue(m.matches());
        assertEquals("20261130", m.group(1));
        assertEquals("20261130T180000Z", get.headers().get("x-amz-date").getFirst());
        // the browser's cookies never reach the API
        assertEquals(null, get.headers().get("cookie"));

        HttpResponse<String> fit = send("POST", "/model/fit", "{\"asOf\": \"1998-06-30\"}");
        assertEquals(200, fit.statusCode(), fit.body());
        Received post = received.get(1);
        assertTrue(post.signatureValid());
        assertEquals("POST", post.method());
        assertEquals("/prod/model/fit", post.path());
        assertEquals("{\"asOf\": \"1998-06-30\"}", new String(post.body(), StandardCharsets.UTF_8));
        assertTrue(List.of(AUTHORIZATION.matcher(post.headers().get("authorization").getFirst()).replaceAll("$2").split(";"))
                .contains("content-type"), "content-type is signed");
    }

    @Test
    void theCheckAboveRefusesAnotherKeysSignatureSoItCanFail() throws Exception {
        try (DashboardProxy forged = new DashboardProxy(apiBase, new SigV4Signer(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "another-secret")), "eu-west-1", CLOCK), http, 0)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(forged.pageUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, answer.statusCode());
            assertTrue(!received.getFirst().signatureValid());
        }
        try (DashboardProxy unsigned = new DashboardProxy(apiBase, null, http, 0)) {
            assertEquals(403, http.send(HttpRequest.newBuilder(unsigned.pageUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(null, received.get(1).headers().get("authorization"));
        }
    }

    @Test
    void thePageIsServedHereOnLoopbackAndNeverForwarded() throws Exception {
        assertTrue(proxy.address().getAddress().isLoopbackAddress(), proxy.address().toString());
        HttpResponse<String> page = send("GET", "/", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.body().contains("/dashboard/dashboard.js"));
        HttpResponse<String> script = send("GET", "/dashboard/dashboard.js", null);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("ROUTE_NOT_FOUND"));
        assertEquals(List.of(), received);
    }

    @Test
    void anotherHostNameIsRefusedAndAnUnreachableApiIsAJsonError() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("\"FORBIDDEN\""), answer);
        }
        assertEquals(List.of(), received);

        int closedPort;
        try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (DashboardProxy nowhere = new DashboardProxy(URI.create("http://127.0.0.1:" + closedPort), null, http, 0)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(nowhere.pageUri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(502, answer.statusCode());
            assertTrue(answer.body().startsWith("{\"error\":{\"code\":\"API_UNREACHABLE\""), answer.body());
        }
        assertNotEquals(0, proxy.address().getPort());
    }
}
