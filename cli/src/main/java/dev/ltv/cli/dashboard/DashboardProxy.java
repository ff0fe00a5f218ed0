package dev.ltv.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ltv.cli.sigv4.RequestSigner;
import dev.ltv.dashboard.DashboardFiles;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code ltv dashboard}: the dashboard page on 127.0.0.1, and every other request forwarded to a deployed API,
 * signed (SigV4, the AWS SDK's signer) with the user's credentials. The API stays private (IAM authorization):
 * only this loopback listener, on the user's machine, can reach it with the user's identity. Requests whose
 * Host header is not this listener's are refused, so a web page on another origin cannot use the listener
 * through a DNS name that resolves to 127.0.0.1 (DNS rebinding).
 */
public final class DashboardProxy implements AutoCloseable {

    /** The request headers the page's calls need at the API; nothing else (cookies, the browser's own) is forwarded. */
    private static final Set<String> FORWARDED = Set.of("content-type", "accept");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PATCH", "DELETE");

    private final URI api;
    private final RequestSigner signer;
    private final HttpClient http;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "ltv-dashboard");
        thread.setDaemon(true);
        return thread;
    });
    private final DashboardFiles page = new DashboardFiles();

    /**
     * Listens on 127.0.0.1.
     *
     * @param api    the deployed API's base URL (a stage path, if any, included)
     * @param signer null to forward unsigned (an API deployed without IAM authorization)
     * @param port   0 for any free port
     */
    public DashboardProxy(URI api, RequestSigner signer, HttpClient http, int port) throws IOException {
        String base = api.toString();
        this.api = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.signer = signer;
        this.http = http;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The address the listener is bound to (the loopback one). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    public URI pageUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String host = exchange.getRequestHeaders().getFirst("Host");
            int port = server.getAddress().getPort();
            if (!("127.0.0.1:" + port).equals(host) && !("localhost:" + port).equals(host)) {
                error(exchange, 403, "FORBIDDEN", "this listener serves 127.0.0.1:" + port + " only");
                return;
            }
            Optional<DashboardFiles.File> file = page.find(method, path);
            if (file.isPresent()) {
                send(exchange, 200, file.get().mediaType(), file.get().content());
                return;
            }
            if (!METHODS.contains(method)) {
                error(exchange, 405, "METHOD_NOT_ALLOWED", method + " is not forwarded");
                return;
            }
            forward(exchange, method);
        } catch (RuntimeException e) {
            error(exchange, 502, "FORWARDING_FAILED", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private void forward(HttpExchange exchange, String method) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(api + exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (FORWARDED.contains(lower) && !values.isEmpty()) {
                headers.put(lower, String.join(",", values));
            }
        });
        Map<String, List<String>> signed;
        try {
            signed = signer == null ? toLists(headers) : signer.sign(method, target, headers, body);
        } catch (RuntimeException e) {
            // no credentials, an expired session: the page shows it, and the terminal says what to do
            error(exchange, 502, "SIGNING_FAILED", "cannot sign the request with the default AWS credentials: " + e.getMessage());
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(35))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        RequestSigner.copyTo(signed, request);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            error(exchange, 502, "API_UNREACHABLE", "the API at " + api + " did not answer: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, 502, "API_UNREACHABLE", "interrupted");
            return;
        }
        String type = response.headers().firstValue("content-type").orElse("application/json");
        send(exchange, response.statusCode(), type, "HEAD".equals(method) ? new byte[0] : response.body());
    }

    private static Map<String, List<String>> toLists(Map<String, String> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + jsonText(message) + "\"}}";
        send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonText(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
