package dev.ltv.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpResultTest {

    @Test
    void responseIsMappedWithCookiesAsSetCookie() {
        HttpResult result = HttpResult.fromHandler(APIGatewayV2HTTPResponse.builder().withStatusCode(409)
                .withHeaders(Map.of("content-type", "application/json"))
                .withCookies(List.of("a=1"))
                .withBody("{\"code\":\"CONFLICT\"}").build());

        assertEquals(409, result.status());
        assertEquals(List.of(Map.entry("content-type", "application/json"), Map.entry("set-cookie", "a=1")), result.headers());
        assertEquals("{\"code\":\"CONFLICT\"}", new String(result.body(), StandardCharsets.UTF_8));
    }

    @Test
    void base64BodyIsDecoded() {
        HttpResult result = HttpResult.fromHandler(APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withBody("AAEC/w==").withIsBase64Encoded(true).build());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xFF}, result.body());
    }

    @Test
    void anyOtherValueIsA200WithItsJson() {
        HttpResult result = HttpResult.fromHandler(Map.of("ok", true));
        assertEquals(200, result.status());
        assertEquals("{\"ok\":true}", new String(result.body(), StandardCharsets.UTF_8));
    }

    @Test
    void malformedResponsesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HttpResult.fromHandler(null));
        assertThrows(IllegalArgumentException.class, () -> HttpResult.fromHandler(new APIGatewayV2HTTPResponse()));
        assertThrows(IllegalArgumentException.class, () -> HttpResult.fromHandler(APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200).withBody("not base64!").withIsBase64Encoded(true).build()));
    }
}
