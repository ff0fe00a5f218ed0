package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** The JSON text of a request: checked for media type and size, decoded from base64 when API Gateway encoded it. */
final class RequestBody {

    /**
     * Room for 100 purchases at every field's limit (about 2.7 KB each, more with escaped metadata), far below
     * API Gateway's 10 MB and Lambda's 6 MB request payload.
     */
    static final int MAX_BYTES = 1024 * 1024;

    private RequestBody() {
    }

    static String json(APIGatewayV2HTTPEvent event) {
        requireJson(header(event, "content-type"));
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("EMPTY_BODY", null, "the request has no body; send a JSON object");
        }
        String text = event.getIsBase64Encoded() ? decodeBase64(body) : checkSize(body);
        if (text.isBlank()) {
            throw ApiException.badRequest("EMPTY_BODY", null, "the request has no body; send a JSON object");
        }
        return text;
    }

    static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        // API Gateway lower-cases header names; other callers (tests, proxies) may not
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw unsupported("the request has no Content-Type; send application/json");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw unsupported("Content-Type " + parts[0].trim() + " is not supported; send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw unsupported("charset " + parameter[1].trim() + " is not supported; send UTF-8");
            }
        }
    }

    private static String checkSize(String body) {
        // a UTF-8 character is at least one byte: counting chars first avoids encoding a huge body
        if (body.length() > MAX_BYTES || utf8Length(body) > MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static String decodeBase64(String body) {
        if (body.length() > (MAX_BYTES / 3 + 1) * 4 + 4) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_BODY", null, "the body is marked base64-encoded but is not valid base64");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("INVALID_BODY", null, "the body is not valid UTF-8");
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static ApiException unsupported(String message) {
        return new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", null, message);
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", null,
                "the body is larger than 1 MB (" + MAX_BYTES + " bytes); send at most 100 purchases per request");
    }
}
