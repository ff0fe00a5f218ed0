package dev.ltv.testing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract check itself: it passes what the document describes and catches each kind of drift. */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final String PURCHASE = """
            {"customerId":"c-1","purchaseId":"p-1","kind":"PURCHASE","amount":19.90,"currency":"USD",
             "purchasedAt":"2026-11-01T10:00:00Z","day":"2026-11-01","refundedAmount":0.00,"receivedAt":"2026-11-20T12:00:00Z"}""";
    private static final String REQUEST = """
            {"purchaseId":"p-1","customerId":"c-1","amount":"19.90","currency":"USD","purchasedAt":"2026-11-01T10:00:00Z"}""";

    private static List<String> problems(String method, String path, Map<String, String> query, String request,
                                         int status, String response) {
        return CONTRACT.problems(new OpenApiContract.Exchange(method, path, query, request, status, "application/json", response));
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertTrue(CONTRACT.document().get("openapi").asText().startsWith("3.1."));
    }

    @Test
    void aDescribedExchangePasses() {
        assertEquals(List.of(), problems("POST", "/purchases", Map.of(), REQUEST, 201, PURCHASE));
        assertEquals(List.of(), problems("GET", "/nowhere", Map.of(), null, 404,
                "{\"error\":{\"code\":\"ROUTE_NOT_FOUND\",\"message\":\"no such route\"}}"));
    }

    @Test
    void anUndocumentedResponseFieldIsCaught() {
        String withExtra = PURCHASE.replace("\"day\"", "\"secret\":1,\"day\"");
        assertTrue(problems("POST", "/purchases", Map.of(), REQUEST, 201, withExtra).toString().contains("secret"));
    }

    @Test
    void anUndeclaredStatusIsCaught() {
        assertTrue(problems("DELETE", "/customers/c-1/purchases/p-1", Map.of(), null, 201, PURCHASE).toString()
                .contains("status 201 is not declared"));
    }

    @Test
    void anAcceptedRequestTheDocumentDoesNotAllowIsCaught() {
        String misspelt = REQUEST.replace("\"currency\"", "\"curency\"");
        assertTrue(!problems("POST", "/purchases", Map.of(), misspelt, 201, PURCHASE).isEmpty());
        assertTrue(problems("GET", "/metrics", Map.of("margin", "0.4"), null, 200, "{}").toString()
                .contains("query parameter margin was accepted but is not declared"));
    }

    @Test
    void aRefusedRequestIsNotCheckedButItsErrorBodyIs() {
        assertEquals(List.of(), problems("POST", "/purchases", Map.of(), "{oops", 400,
                "{\"error\":{\"code\":\"INVALID_JSON\",\"message\":\"not JSON\"}}"));
        assertTrue(!problems("POST", "/purchases", Map.of(), "{oops", 400, "{\"message\":\"not JSON\"}").isEmpty());
    }
}
