package dev.ltv.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer and the tree reader against databind configured as they used to be ({@code Json.MAPPER}): the same
 * text out for every kind of view, the same tree (node types and decimal scales included) or the same 400 in.
 */
class JsonTest {

    enum Plain { FIRST, SECOND }

    enum Named {
        DEFAULT("default"), REQUEST("request");

        private final String json;

        Named(String json) {
            this.json = json;
        }

        @JsonValue
        String json() {
            return json;
        }
    }

    record Inner(BigDecimal amount, Long count, String note) {
    }

    record Outer(String id, long purchases, int small, double ratio, Double missingRatio, boolean flag, Boolean maybe,
                 BigDecimal revenue, BigInteger big, Inner inner, @JsonInclude(JsonInclude.Include.ALWAYS) Inner always,
                 List<Inner> items, Map<String, Object> extra, Plain plain, Named named, Object anything,
                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> nonEmpty,
                 @JsonProperty("renamed") String original, @JsonIgnore String ignored, String[] array,
                 JsonNode tree, float single) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AllNulls(String a, Inner b) {
    }

    record Empty() {
    }

    @Test
    void writesRecordsAsDatabindDoes() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("z", 1);
        extra.put("nothing", null);
        extra.put("a", List.of("x", new BigDecimal("1E+3")));
        JsonNode tree = Json.MAPPER.readTree("{\"k\": [1, 2.50, \"s\", true, null, {\"n\": 12345678901234567890}]}");
        List<Object> values = List.of(
                new Outer("c-1", 3, 7, 0.5, null, true, null, new BigDecimal("540.00"), BigInteger.TEN.pow(30),
                        new Inner(new BigDecimal("1E+2"), null, "é\u2028\u0000\u001f\"\\/\b\t\f\n\r\u007f😀"), null,
                        List.of(new Inner(BigDecimal.ZERO, 2L, null)), extra, Plain.SECOND, Named.REQUEST,
                        new Inner(new BigDecimal("-0.000001"), 1L, ""), List.of(), "r", "hidden",
                        new String[]{"a", null}, tree, 1.25f),
                new Outer(null, 0, 0, Double.NaN, Double.POSITIVE_INFINITY, false, Boolean.FALSE, null, null, null,
                        new Inner(null, null, null), List.of(), Map.of(), null, Named.DEFAULT, Named.DEFAULT,
                        List.of("x"), null, null, new String[0], null, Float.NEGATIVE_INFINITY),
                new Outer("x", Long.MIN_VALUE, Integer.MAX_VALUE, 1e-7, 1.0e22, true, true, new BigDecimal("1E-10"), null,
                        null, null, null, null, Plain.FIRST, null, 42, null, null, null, null,
                        Json.MAPPER.readTree("\"text\""), 0f),
                new AllNulls(null, null), new Empty(), List.of(new Empty(), Plain.FIRST), new TreeMap<>(Map.of("b", 2, "a", 1)),
                new ApiError("INVALID_JSON", "the body is not valid JSON", null).body(),
                new ValidationException.Body(new ApiError("C", "m", "f"), List.of(new ValidationException.Problem(null, "C", "f", "m"),
                        new ValidationException.Problem(2, "C", "purchases[2].amount", "m"))));
        for (Object value : values) {
            assertEquals(Json.MAPPER.writeValueAsString(value), Json.write(value), value.getClass().getSimpleName());
        }
    }

    @Test
    void escapesEveryCharacterAsDatabindDoes() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        Random random = new Random(8);
        for (int i = 0; i < 2000; i++) {
            all.append((char) random.nextInt(Character.MAX_VALUE + 1));
        }
        Map<String, String> map = Map.of(all.toString(), all.toString());
        assertEquals(Json.MAPPER.writeValueAsString(map), Json.write(map));
    }

    @Test
    void refusesWhatDatabindRefusesWithoutItsModules() {
        assertThrows(IllegalStateException.class, () -> Json.write(java.time.LocalDate.of(2026, 1, 1)));
        assertThrows(IllegalStateException.class, () -> Json.write(java.util.Optional.of("x")));
    }

    @Test
    void writesBeansWithTheMembersDatabindFinds() throws Exception {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("customerId", new AttributeValue().withS("c-1"));
        image.put("amount", new AttributeValue().withS("twelve"));
        image.put("refundedAmount", new AttributeValue().withN("0"));
        image.put("flags", new AttributeValue().withSS("a", "b"));
        image.put("gift", new AttributeValue().withBOOL(true));
        image.put("blob", new AttributeValue().withB(ByteBuffer.wrap(new byte[]{1, 2, 3, (byte) 250})));
        image.put("metadata", new AttributeValue().withM(Map.of("k", new AttributeValue().withNULL(true))));
        StreamRecord stream = new StreamRecord();
        stream.setKeys(Map.of("customerId", image.get("customerId")));
        stream.setNewImage(image);
        stream.setSequenceNumber("4200000000000000001");
        stream.setSizeBytes(120L);
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        stream.setApproximateCreationDateTime(new java.util.Date(1_700_000_000_123L));
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("e-1");
        record.setEventName("INSERT");
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/purchases/stream/x");
        record.setAwsRegion("us-east-1");
        record.setDynamodb(stream);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("reason", "unusable");
        message.put("record", record);
        assertEquals(Json.MAPPER.writeValueAsString(message), Json.write(message));
        assertEquals("{}", Json.write(new Object()));
    }

    @Test
    void readsTheTreeDatabindReads() throws Exception {
        List<String> bodies = List.of("{\"amount\": 100.00, \"n\": 12.50, \"z\": 0.0, \"e\": 1e2, \"m\": -0.0, \"i\": -0,"
                        + " \"l\": 2147483648, \"b\": 123456789012345678901234567890, \"f\": 1.50e1, \"t\": true,"
                        + " \"x\": false, \"nul\": null, \"s\": \"a\\u0001\\n\\\"é\", \"arr\": [1, [2, {}], []], \"o\": {}}",
                "[]", "\"text\"", "12", "1.000", "null", "", "   \n ", "1e400", "1e-400", "0.1e2147483647");
        for (String body : bodies) {
            JsonNode expected = Json.MAPPER.readTree(body);
            JsonNode actual = Json.readClientBody(body);
            assertEquals(expected, actual, body);
            assertEquals(describe(expected), describe(actual), body);
        }
    }

    @Test
    void refusesMalformedBodiesWithThePositionDatabindGives() {
        List<String> bodies = List.of("{\"a\":1} x", "{\"a\":1} {}", "{\"a\":1}\n 5", "[1] [2]", "{\"a\":1,\"a\":2}",
                "{\"o\": {\"k\": 1, \"k\": 2}}", "[1,2", "{\"a\"", "{\"a\":}", "{'a':1}", "[01]", "[1.]", "[NaN]",
                "{\"a\":1,}", "[1,]", "\"unterminated", "{\"a\":\"\u0001\"}", "tru", "{\"a\":1}}", "]",
                "1e-2147483648", "{\"amount\": 1e99999999999}", "[" .repeat(1001) + "]".repeat(1001), "\uFEFF{}");
        for (String body : bodies) {
            String expected = databindOutcome(body);
            String actual;
            try {
                actual = "ok " + Json.readClientBody(body);
            } catch (ApiException e) {
                actual = e.status() + " " + e.code() + " " + e.getMessage();
            }
            assertEquals(expected, actual, body.length() > 60 ? body.substring(0, 60) : body);
            assertTrue(!actual.startsWith("ok") || body.startsWith("\uFEFF"), body);
        }
    }

    /** What the databind-based reader answered: the tree, or the 400 it mapped the failure to. */
    private static String databindOutcome(String body) {
        try {
            return "ok " + Json.MAPPER.readTree(body);
        } catch (NumberFormatException | ArithmeticException e) {
            return "400 INVALID_JSON the body is not valid JSON: a number's exponent is out of range";
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return "400 INVALID_JSON the body is not valid JSON" + where;
        }
    }

    /** Node classes and decimal scales, which equals() alone would not compare everywhere. */
    private static String describe(JsonNode node) {
        List<String> parts = new ArrayList<>();
        parts.add(node.getClass().getSimpleName() + (node.isBigDecimal() ? "/" + node.decimalValue().scale() : ""));
        node.forEach(child -> parts.add(describe(child)));
        node.properties().forEach(field -> parts.add(field.getKey() + "=" + describe(field.getValue())));
        return String.join(",", parts);
    }

    @Test
    void readsStoredJsonStrictlyToo() {
        assertThrows(JsonProcessingException.class, () -> Json.readTree("{\"a\":1,\"a\":2}"));
        assertEquals(Arrays.asList("a", "b"), List.copyOf(iterableNames("{\"a\":1,\"b\":2}")));
    }

    private static List<String> iterableNames(String json) {
        try {
            List<String> names = new ArrayList<>();
            Json.readTree(json).fieldNames().forEachRemaining(names::add);
            return names;
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
