package dev.ltv.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one JSON configuration: exact decimals in and out, no silent acceptance of malformed input.
 *
 * <p>Responses are written by {@link JsonWriter} (records, maps, lists, scalars; null members left out unless
 * annotated {@code @JsonInclude(ALWAYS)}; BigDecimal in plain notation) and bodies are read by
 * {@link JsonTreeReader} (Jackson's streaming parser into a {@link JsonNode} tree; floats as BigDecimal, never
 * through double): neither builds an {@code ObjectMapper}, whose reflective machinery was the largest block of
 * classes a function's cold start loaded (see BENCHMARKS.md). {@link #MAPPER}, databind configured the same way,
 * is for tests and commands; it is declared in an interface so that using this class does not build it.
 */
public final class Json implements DatabindMapper {

    private Json() {
    }

    /** {@code value} as compact JSON: a record is an object of its components, in declaration order. */
    public static String write(Object value) {
        return JsonWriter.write(value);
    }

    /** Parses JSON this service wrote (a stored purchase's metadata, say) with the same strict rules. */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        return JsonTreeReader.read(json);
    }

    /**
     * Parses a client's body: malformed JSON is the client's mistake (400), with the position of the error. A number
     * whose exponent does not fit an int ({@code 1e-2147483648}) is one too: the parser throws a
     * NumberFormatException (or ArithmeticException) for it, not a JsonProcessingException.
     */
    public static JsonNode readClientBody(String body) {
        try {
            return JsonTreeReader.read(body);
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
