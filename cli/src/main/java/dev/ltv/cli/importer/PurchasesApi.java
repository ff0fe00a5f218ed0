package dev.ltv.cli.importer;

import dev.ltv.cli.sigv4.RequestSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts rows as a batch to {@code POST /purchases} and says what became of each. Safe to repeat: every write
 * of the API is conditional on the (customer, purchase) key. A batch the API refuses as a whole (400: one
 * invalid item refuses all, nothing written) is split: the items it names are rejected, the others posted
 * again. Throttling, 5xx and connection failures are retried with jittered exponential backoff.
 */
final class PurchasesApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    /** Headers java.net.http sets itself and refuses from the caller. */

    private final URI purchases;
    private final HttpClient http;
    private final RequestSigner signer;
    private final int attempts;
    private final Duration firstBackoff;

    PurchasesApi(URI api, HttpClient http, RequestSigner signer, int attempts, Duration firstBackoff) {
        this.purchases = URI.create(api + "/purchases");
        this.http = http;
        this.signer = signer;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    List<RowResult> post(List<OrderRow> rows) throws ImportFailure, InterruptedException {
        List<RowResult> results = new ArrayList<>(rows.size());
        post(rows, results);
        return results;
    }

    private void post(List<OrderRow> rows, List<RowResult> results) throws ImportFailure, InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("purchases");
        rows.forEach(row -> items.add(row.purchase()));
        HttpResponse<String> response = send(body.toString().getBytes(StandardCharsets.UTF_8));
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status == 200 && answer.path("results").isArray()) {
            for (JsonNode result : answer.path("results")) {
                OrderRow row = rows.get(result.path("index").asInt());
                switch (result.path("status").asText()) {
                    case "created" -> results.add(new RowResult(row, RowResult.Status.CREATED, null, null));
                    case "duplicate" -> results.add(new RowResult(row, RowResult.Status.DUPLICATE, null, null));
                    default -> results.add(RowResult.rejected(row, result.path("error").path("code").asText(result.path("status").asText()),
                            result.path("error").path("message").asText("")));
                }
            }
        } else if (status == 400) {
            Map<Integer, List<JsonNode>> errorsByItem = new LinkedHashMap<>();
            for (JsonNode error : answer.path("errors")) {
                if (error.has("index")) {
                    errorsByItem.computeIfAbsent(error.path("index").asInt(), i -> new ArrayList<>()).add(error);
                }
            }
            if (errorsByItem.isEmpty()) {
                JsonNode error = answer.path("error");
                rows.forEach(row -> results.add(RowResult.rejected(row, error.path("code").asText("BAD_REQUEST"), error.path("message").asText(response.body()))));
                return;
            }
            List<OrderRow> valid = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                List<JsonNode> errors = errorsByItem.get(i);
                if (errors == null) {
                    valid.add(rows.get(i));
                } else {
                    results.add(RowResult.rejected(rows.get(i), errors.get(0).path("code").asText(), messages(errors)));
                }
            }
            post(valid, results);
        } else if (status == 413 && rows.size() > 1) {
            post(rows.subList(0, rows.size() / 2), results);
            post(rows.subList(rows.size() / 2, rows.size()), results);
        } else if (status == 413) {
            results.add(RowResult.rejected(rows.get(0), "PAYLOAD_TOO_LARGE", answer.path("error").path("message").asText("the purchase is too large")));
        } else {
            throw new ImportFailure("the API answered " + status + " to POST " + purchases + ": " + abbreviate(response.body()));
        }
    }

    private HttpResponse<String> send(byte[] body) throws ImportFailure, InterruptedException {
        Map<String, String> headers = Map.of("content-type", "application/json");
        String last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                long base = firstBackoff.toMillis() << Math.min(attempt - 1, 10);
                Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
            }
            // signed anew on each attempt: a signature is valid for 5 minutes only
            Map<String, List<String>> signed = signer == null ? Map.of("content-type", List.of("application/json"))
                    : signer.sign("POST", purchases, headers, body);
            HttpRequest.Builder request = HttpRequest.newBuilder(purchases).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            RequestSigner.copyTo(signed, request);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (!RETRYABLE.contains(response.statusCode())) {
                    return response;
                }
                last = response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        throw new ImportFailure("POST " + purchases + " failed " + attempts + " times, last: " + last);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String messages(List<JsonNode> errors) {
        List<String> parts = new ArrayList<>();
        for (JsonNode error : errors) {
            String field = error.path("field").asText("");
            String message = error.path("message").asText(error.path("code").asText());
            // "purchases[3].amount" → "amount": the rejects file names the row already
            String name = field.replaceFirst("^purchases\\[\\d+]\\.?", "");
            parts.add(name.isEmpty() ? message : name + ": " + message);
        }
        return String.join("; ", parts);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
