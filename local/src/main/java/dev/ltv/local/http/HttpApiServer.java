package dev.ltv.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ltv.local.Log;
import dev.ltv.local.lambda.FunctionFailure;
import dev.ltv.local.lambda.LocalFunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API on the loopback interface only: each request becomes an API Gateway HTTP API (payload 2.0)
 * event for the function of the matching route, and the function's response goes back to the client.
 * Authorization is not enforced.
 */
public final class HttpApiServer implements AutoCloseable {

    /** API Gateway's payload limit for HTTP APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final String LOG = "http";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable<LocalFunction> routes;

    private HttpApiServer(HttpServer server, ExecutorService executor, RouteTable<LocalFunction> routes) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port    the port; 0 for any free one
     * @param threads how many requests are served at once
     */
    public static HttpApiServer start(int port, RouteTable<LocalFunction> routes, int threads) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (in use? try --port)", e);
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ltv-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpApiServer api = new HttpApiServer(server, executor, routes);
        server.createContext("/", api::handle);
        server.createContext(OpenApiDocument.PATH, new OpenApiDocument(api::handle));
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String target = "-";
        HttpResult result;
        try {
            Optional<RouteTable.Match<LocalFunction>> match = routes.match(method, rawPath);
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                result = HttpResult.tooLarge();
            } else if (match.isEmpty()) {
                result = HttpResult.notFound();
            } else {
                LocalFunction function = match.get().target();
                target = function.logicalId();
                result = invoke(function, exchange, match.get(), body);
            }
        } catch (IOException e) {
            Log.warn(LOG, method + " " + rawPath + ": the client went away (" + e.getMessage() + ")");
            exchange.close();
            return;
        } catch (RuntimeException e) {
            Log.error(LOG, method + " " + rawPath + ": " + e, e);
            result = HttpResult.internalServerError();
        }
        try {
            write(exchange, result);
        } catch (IOException e) {
            Log.warn(LOG, method + " " + rawPath + ": could not answer (" + e.getMessage() + ")");
        } finally {
            exchange.close();
        }
        Log.info(LOG, method + " " + rawPath + " " + result.status() + " " + (System.nanoTime() - start) / 1_000_000 + " ms"
                + (target.equals("-") ? "" : " (" + target + ")"));
    }

    private static HttpResult invoke(LocalFunction function, HttpExchange exchange, RouteTable.Match<LocalFunction> match,
                                     byte[] body) {
        String requestId = UUID.randomUUID().toString();
        HttpRequestData request = new HttpRequestData(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                body,
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                exchange.getLocalAddress().getPort(),
                exchange.getProtocol());
        APIGatewayV2HTTPEvent event = HttpEventMapper.toEvent(request, match.route(), match.pathParameters(), requestId,
                Instant.now());
        HttpResult result;
        try {
            result = HttpResult.fromHandler(function.invoke(event));
        } catch (FunctionFailure failure) {
            // the client gets API Gateway's fixed answer; the stack trace stays in this log
            Log.error(function.logicalId(), event.getRouteKey() + " (request " + requestId + ") threw", failure.getCause());
            return HttpResult.internalServerError();
        } catch (IllegalArgumentException malformed) {
            Log.error(function.logicalId(), event.getRouteKey() + ": malformed response: " + malformed.getMessage(), null);
            return HttpResult.internalServerError();
        }
        return result;
    }

    /** The body, or null when it is over API Gateway's limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void write(HttpExchange exchange, HttpResult result) throws IOException {
        result.headers().forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
        boolean noBody = result.body().length == 0 || exchange.getRequestMethod().equals("HEAD")
                || result.status() == 204 || result.status() == 304;
        exchange.sendResponseHeaders(result.status(), noBody ? -1 : result.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(result.body());
            }
        }
    }

    /** Stops accepting requests, lets those in progress finish (up to a second), then stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
