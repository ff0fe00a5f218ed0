package dev.ltv.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON configuration: exact decimals in and out, no silent acceptance of malformed input. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            // amounts are read as BigDecimal, never through double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses a client's body: malformed JSON is the client's mistake (400), with the position of the error. A number
     * whose exponent does not fit an int ({@code 1e-2147483648}) is one too: the parser throws a
     * NumberFormatException (or ArithmeticException) for it, not a JsonProcessingException.
     */
    public static JsonNode readClientBody(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.badRequest("INVALID_JSON", null,
                    "the body is not valid JSON: a number's exponent is out of range");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest("INVALID_JSON", null, "the body is not valid JSON" + where);
        }
    }
}
