package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.testing.OpenApiContract;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local stack's API as the end-to-end tests call it: every exchange checked against docs/openapi.yaml. */
final class CheckedApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    CheckedApi(LocalStack stack) {
        this.base = stack.baseUri();
    }

    /** A request with a JSON body (null: none). */
    HttpResponse<String> send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        URI uri = base.resolve(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("content-type", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.load().check(new OpenApiContract.Exchange(method, uri.getRawPath(),
                OpenApiContract.Exchange.query(uri.getRawQuery()), body, response.statusCode(),
                response.headers().firstValue("content-type").orElse(null), response.body()));
        return response;
    }

    HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        return send("POST", pathAndQuery, body);
    }

    /** The JSON of a GET that must answer {@code expectedStatus}. */
    JsonNode getJson(String pathAndQuery, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", pathAndQuery, null);
        assertEquals(expectedStatus, response.statusCode(), pathAndQuery + ": " + response.body());
        return Json.MAPPER.readTree(response.body());
    }

    JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        return getJson(pathAndQuery, 200);
    }
}
