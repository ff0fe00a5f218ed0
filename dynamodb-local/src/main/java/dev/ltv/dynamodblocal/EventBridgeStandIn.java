package dev.ltv.dynamodblocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

/**
 * A loopback stand-in of EventBridge's {@code PutEvents} API for tests: the real SDK client is pointed at it
 * ({@link #endpoint()}), so what goes on the wire is read back, and the request is recorded like any other AWS
 * request of a function (the permission check sees {@code events:PutEvents}). There is no EventBridge emulator
 * to run here, and the local stack writes its events to a file instead.
 */
public final class EventBridgeStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final int refusedPerRequest;

    private EventBridgeStandIn(int refusedPerRequest) {
        this.refusedPerRequest = refusedPerRequest;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                requests.add(body);
                byte[] answer = answer(body.path("Entries").size()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    /** Accepts every entry. */
    public static EventBridgeStandIn accepting() {
        return new EventBridgeStandIn(0);
    }

    /** Refuses the first {@code refused} entries of every request (a partial failure, as EventBridge reports it). */
    public static EventBridgeStandIn refusingFirst(int refused) {
        return new EventBridgeStandIn(refused);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The bodies of the {@code PutEvents} requests received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Every entry received, in order, across requests. */
    public List<JsonNode> entries() {
        return requests.stream().flatMap(request -> StreamSupport.stream(request.path("Entries").spliterator(), false)).toList();
    }

    /** The {@code Detail} of an entry, parsed. */
    public static JsonNode detail(JsonNode entry) {
        try {
            return JSON.readTree(entry.path("Detail").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String answer(int entries) {
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            results.append(i == 0 ? "" : ",").append(i < refusedPerRequest
                    ? "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"refused by the stand-in\"}"
                    : "{\"EventId\":\"stand-in-" + requests.size() + "-" + i + "\"}");
        }
        return "{\"FailedEntryCount\":" + Math.min(refusedPerRequest, entries) + ",\"Entries\":[" + results + "]}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
