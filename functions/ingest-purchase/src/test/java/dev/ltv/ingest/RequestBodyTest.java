package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBodyTest {

    private static APIGatewayV2HTTPEvent event(String contentType, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(contentType == null ? Map.of() : Map.of("content-type", contentType))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .build();
    }

    private static ApiException refused(APIGatewayV2HTTPEvent event) {
        return assertThrows(ApiException.class, () -> RequestBody.json(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"",
            "application/json ; boundary=x"})
    void acceptsJson(String contentType) {
        assertEquals("{}", RequestBody.json(event(contentType, "{}", false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonp",
            "application/json; charset=iso-8859-1", ""})
    void refusesOtherMediaTypesWith415(String contentType) {
        ApiException e = refused(event(contentType, "{}", false));
        assertEquals(415, e.status());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", e.code());
    }

    @Test
    void aMissingContentTypeIs415() {
        assertEquals(415, refused(event(null, "{}", false)).status());
    }

    @Test
    void findsTheHeaderWhateverItsCase() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{}").build();
        assertEquals("{}", RequestBody.json(event));
    }

    @Test
    void decodesBase64Bodies() {
        String json = "{\"channel\":\"café\"}";
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(json, RequestBody.json(event("application/json", encoded, true)));
    }

    @Test
    void refusesBadBase64AndBytesThatAreNotUtf8() {
        assertEquals("INVALID_BODY", refused(event("application/json", "not base64 !", true)).code());
        String latin1 = Base64.getEncoder().encodeToString("{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        ApiException e = refused(event("application/json", latin1, true));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("UTF-8"));
    }

    @Test
    void anEmptyBodyIs400() {
        assertEquals("EMPTY_BODY", refused(event("application/json", null, false)).code());
        assertEquals("EMPTY_BODY", refused(event("application/json", "", false)).code());
        assertEquals("EMPTY_BODY", refused(event("application/json", " \n ", false)).code());
    }

    @Test
    void theLimitIsOneMebibyteOfUtf8() {
        assertEquals(1_048_576, RequestBody.MAX_BYTES);
        String atLimit = "\"" + "x".repeat(RequestBody.MAX_BYTES - 2) + "\"";
        assertEquals(atLimit, RequestBody.json(event("application/json", atLimit, false)));
        ApiException over = refused(event("application/json", atLimit + " ", false));
        assertEquals(413, over.status());
        assertEquals("PAYLOAD_TOO_LARGE", over.code());
        assertTrue(over.getMessage().contains("1 MB (1048576 bytes)"), over.getMessage());
        // fewer characters than the limit, but more bytes: é is two bytes
        String wide = "\"" + "é".repeat(RequestBody.MAX_BYTES / 2) + "\"";
        assertEquals(413, refused(event("application/json", wide, false)).status());
    }

    @Test
    void theLimitAppliesToTheDecodedBase64Body() {
        byte[] atLimit = new byte[RequestBody.MAX_BYTES];
        java.util.Arrays.fill(atLimit, (byte) ' ');
        atLimit[0] = '1';
        assertEquals(RequestBody.MAX_BYTES, RequestBody.json(event("application/json",
                Base64.getEncoder().encodeToString(atLimit), true)).length());
        byte[] over = java.util.Arrays.copyOf(atLimit, RequestBody.MAX_BYTES + 1);
        over[RequestBody.MAX_BYTES] = ' ';
        assertEquals(413, refused(event("application/json", Base64.getEncoder().encodeToString(over), true)).status());
    }
}
