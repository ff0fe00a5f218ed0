package dev.ltv.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.local.Log;
import dev.ltv.local.lambda.FunctionFailure;
import dev.ltv.local.lambda.LocalFunction;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP API on the loopback interface only: each request becomes an API Gateway HTTP API (payload 2.0)
 * event for the function of the matching route, and the function's response goes back to the client.
 * Authorization is not enforced.
 *
 * <p>Served by Jetty (which DynamoDB Local brings along; it is never in a Lambda jar) rather than the JDK's
 * {@code com.sun.net.httpserver}, because that one answers a request it cannot parse itself, with an HTML page
 * naming a Java exception. Here every answer is JSON, as from API Gateway: requests Jetty refuses before they
 * reach a handler (a malformed request line or header) go through {@link JsonErrors}.
 */
public final class HttpApiServer implements AutoCloseable {

    /** API Gateway's payload limit for HTTP APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** Request line and headers together; API Gateway allows 10 KB of headers. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final String LOG = "http";

    private final Server server;
    private final ServerConnector connector;
    private final RouteTable<LocalFunction> routes;
    private final OpenApiDocument openApi = new OpenApiDocument();
    private final DashboardFiles dashboard = new DashboardFiles();

    private HttpApiServer(Server server, ServerConnector connector, RouteTable<LocalFunction> routes) {
        this.server = server;
        this.connector = connector;
        this.routes = routes;
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port    the port; 0 for any free one
     * @param threads how many requests are served at once
     */
    public static HttpApiServer start(int port, RouteTable<LocalFunction> routes, int threads) {
        // Jetty's acceptor and selector need threads of their own besides the request threads
        QueuedThreadPool pool = new QueuedThreadPool(threads + 4, Math.min(threads + 4, 4));
        pool.setName("ltv-http");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        // handlers see header values as sent (Jetty's cache would turn "charset=utf-8" into "charset=UTF-8")
        config.setHeaderCacheCaseSensitive(true);
        // the routes decide what a path means (API Gateway answers "//purchases" with its 404, not a 400)
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        HttpApiServer api = new HttpApiServer(server, connector, routes);
        server.setHandler(api.new Requests());
        server.setErrorHandler(new JsonErrors());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (in use? try --port)", io);
            }
            throw new IllegalStateException("the HTTP API did not start", e);
        }
        return api;
    }

    /** Where the dashboard page is. */
    public URI dashboardUri() {
        return URI.create(baseUri() + DashboardFiles.PAGE_PATH);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Every request that Jetty could parse. */
    private final class Requests extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String method = request.getMethod();
            String rawPath = request.getHttpURI().getPath();
            String target = "-";
            HttpResult result;
            try {
                byte[] body = readBody(request);
                Optional<RouteTable.Match<LocalFunction>> match = routes.match(method, rawPath);
                Optional<HttpResult> page = match.isEmpty() ? dashboard.serve(method, rawPath) : Optional.empty();
                if (body == null) {
                    result = HttpResult.tooLarge();
                } else if (openApi.serves(method, rawPath)) {
                    result = openApi.result();
                } else if (page.isPresent()) {
                    result = page.get();
                } else if (match.isEmpty()) {
                    result = HttpResult.notFound();
                } else {
                    LocalFunction function = match.get().target();
                    target = function.logicalId();
                    result = invoke(function, request, match.get(), body);
                }
            } catch (MalformedTargetException e) {
                result = HttpResult.badRequest();
            } catch (IOException e) {
                Log.warn(LOG, method + " " + rawPath + ": the client went away (" + e.getMessage() + ")");
                callback.failed(e);
                return true;
            } catch (RuntimeException e) {
                Log.error(LOG, method + " " + rawPath + ": " + e, e);
                result = HttpResult.internalServerError();
            }
            write(request, response, callback, result);
            Log.info(LOG, method + " " + rawPath + " " + result.status() + " " + (System.nanoTime() - start) / 1_000_000 + " ms"
                    + (target.equals("-") ? "" : " (" + target + ")"));
            return true;
        }
    }

    private static HttpResult invoke(LocalFunction function, Request exchange, RouteTable.Match<LocalFunction> match,
                                     byte[] body) {
        String requestId = UUID.randomUUID().toString();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : exchange.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        HttpRequestData request = new HttpRequestData(
                exchange.getMethod(),
                exchange.getHttpURI().getPath(),
                exchange.getHttpURI().getQuery(),
                headers,
                body,
                address(exchange.getConnectionMetaData().getRemoteSocketAddress()),
                Request.getLocalPort(exchange),
                exchange.getConnectionMetaData().getProtocol());
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

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "127.0.0.1";
    }

    /** The body, or null when it is over API Gateway's limit. */
    private static byte[] readBody(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static void write(Request request, Response response, Callback callback, HttpResult result) {
        response.setStatus(result.status());
        result.headers().forEach(header -> response.getHeaders().add(header.getKey(), header.getValue()));
        boolean noBody = result.body().length == 0 || request.getMethod().equals("HEAD")
                || result.status() == 204 || result.status() == 304;
        response.write(true, noBody ? null : ByteBuffer.wrap(result.body()), callback);
    }

    /**
     * What Jetty answers itself (a request line, header or length it cannot parse, an over-long header): API
     * Gateway's JSON shape, with the reason phrase for the status and never an exception's text.
     */
    static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object status = request.getAttribute(ERROR_STATUS);
            int code = status instanceof Integer number && number >= 400 && number <= 599 ? number : 400;
            if (code == 501 || code == 505) {
                // an unknown HTTP version or transfer coding is the client's mistake, as API Gateway's 400 says
                code = 400;
            }
            HttpResult result = HttpResult.gatewayError(code, HttpResult.reason(code));
            response.setStatus(code);
            response.getHeaders().put("content-type", "application/json");
            response.getHeaders().put("connection", "close");
            response.write(true, ByteBuffer.wrap(result.body()), callback);
            return true;
        }
    }

    /** Stops accepting requests, lets those in progress finish (up to a second), then stops the threads. */
    @Override
    public void close() {
        server.setStopTimeout(1000);
        try {
            server.stop();
        } catch (Exception e) {
            Log.warn(LOG, "the HTTP API did not stop cleanly: " + e.getMessage());
        }
    }
}
