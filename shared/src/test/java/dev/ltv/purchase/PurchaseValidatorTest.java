package dev.ltv.purchase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltv.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurchaseValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final PurchaseValidator usd = new PurchaseValidator(Currency.getInstance("USD"), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ObjectNode valid() {
        return (ObjectNode) Json.readClientBody("""
                {"purchaseId": "p-1", "customerId": "c-1", "amount": 19.99, "currency": "USD",
                 "purchasedAt": "2026-11-01T10:00:00+02:00"}""");
    }

    private List<InputProblem> problems(JsonNode node) {
        return assertThrows(InvalidInputException.class, () -> usd.purchase(node)).problems();
    }

    private InputProblem onlyProblem(JsonNode node) {
        List<InputProblem> problems = problems(node);
        assertEquals(1, problems.size(), problems::toString);
        return problems.getFirst();
    }

    @Test
    void acceptsAMinimalPurchaseAndDefaultsToKindPurchase() {
        PurchaseInput input = usd.purchase(valid());
        assertEquals("p-1", input.purchaseId());
        assertEquals("c-1", input.customerId());
        assertEquals(PurchaseKind.PURCHASE, input.kind());
        assertEquals(new BigDecimal("19.99"), input.amount());
        assertEquals("USD", input.currency());
        assertEquals(OffsetDateTime.parse("2026-11-01T08:00:00Z").toInstant(), input.purchasedAt().toInstant());
        assertEquals(ZoneOffset.ofHours(2), input.purchasedAt().getOffset());
        assertNull(input.channel());
        assertNull(input.metadataJson());
        assertNull(input.refundOf());
    }

    @Test
    void reportsEveryMissingRequiredField() {
        List<InputProblem> problems = problems(Json.readClientBody("{}"));
        assertEquals(List.of("purchaseId", "customerId", "amount", "currency", "purchasedAt"),
                problems.stream().map(InputProblem::field).toList());
        assertTrue(problems.stream().allMatch(p -> p.code().equals(InputProblem.MISSING_FIELD)));
    }

    @Test
    void treatsNullAsMissing() {
        InputProblem p = onlyProblem(valid().putNull("customerId"));
        assertEquals("customerId", p.field());
        assertEquals(InputProblem.MISSING_FIELD, p.code());
    }

    @Test
    void namesAnUnknownField() {
        InputProblem p = onlyProblem(valid().put("chanel", "web"));
        assertEquals("chanel", p.field());
        assertEquals(InputProblem.UNKNOWN_FIELD, p.code());
        assertTrue(p.message().contains("channel"), p.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "p 1", "p#1", "p/1", "ü-1", "p\n1"})
    void refusesIdsOutsideTheSafeCharset(String id) {
        InputProblem p = onlyProblem(valid().put("purchaseId", id));
        assertEquals("purchaseId", p.field());
        assertEquals(InputProblem.INVALID_FIELD, p.code());
    }

    @Test
    void idLengthIsAtMost128() {
        assertEquals("c".repeat(128), usd.purchase(valid().put("customerId", "c".repeat(128))).customerId());
        assertEquals("customerId", onlyProblem(valid().put("customerId", "c".repeat(129))).field());
        assertEquals("A.b_c:d-9", usd.purchase(valid().put("customerId", "A.b_c:d-9")).customerId());
    }

    @Test
    void idMustBeAString() {
        InputProblem p = onlyProblem(valid().put("customerId", 1001));
        assertEquals("customerId", p.field());
        assertTrue(p.message().contains("string"));
    }

    @Test
    void amountMayBeANumberOrADecimalString() {
        assertEquals(new BigDecimal("19.90"), usd.purchase(valid().put("amount", new BigDecimal("19.9"))).amount());
        assertEquals(new BigDecimal("19.90"), usd.purchase(valid().put("amount", "19.9")).amount());
        assertEquals(new BigDecimal("20.00"), usd.purchase(valid().put("amount", 20)).amount());
        assertEquals(new BigDecimal("100.00"), usd.purchase((ObjectNode) Json.readClientBody(
                valid().toString().replace("19.99", "1E+2"))).amount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.00"})
    void amountMustBePositive(String amount) {
        InputProblem p = onlyProblem(valid().put("amount", new BigDecimal(amount)));
        assertEquals("amount", p.field());
        assertTrue(p.message().contains("greater than 0"), p.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1e3", " 5", "5,00", "abc", "", "+5", "5."})
    void amountStringsMustBePlainDecimals(String amount) {
        assertEquals("amount", onlyProblem(valid().put("amount", amount)).field());
    }

    @Test
    void amountOfOtherJsonTypesIsRefused() {
        assertEquals("amount", onlyProblem(valid().put("amount", true)).field());
        assertEquals("amount", onlyProblem((ObjectNode) valid().set("amount", Json.MAPPER.createArrayNode())).field());
    }

    @Test
    void amountScaleIsJudgedOnTheValueAgainstTheMinorUnit() {
        assertEquals(new BigDecimal("19.90"), usd.purchase(valid().put("amount", new BigDecimal("19.900"))).amount());
        InputProblem p = onlyProblem(valid().put("amount", new BigDecimal("19.999")));
        assertEquals("amount", p.field());
        assertTrue(p.message().contains("USD") && p.message().contains("(2)"), p.message());
    }

    @Test
    void amountScaleFollowsTheBaseCurrency() {
        PurchaseValidator yen = new PurchaseValidator(Currency.getInstance("JPY"), Clock.fixed(NOW, ZoneOffset.UTC));
        ObjectNode node = valid().put("currency", "JPY");
        assertEquals(new BigDecimal("1500"), yen.purchase(node.put("amount", 1500)).amount());
        assertThrows(InvalidInputException.class, () -> yen.purchase(node.put("amount", new BigDecimal("1500.5"))));
        PurchaseValidator dinar = new PurchaseValidator(Currency.getInstance("KWD"), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(new BigDecimal("1.234"), dinar.purchase(valid().put("currency", "KWD")
                .put("amount", new BigDecimal("1.234"))).amount());
    }

    @Test
    void amountIsAtMostOneBillion() {
        assertEquals(new BigDecimal("1000000000.00"),
                usd.purchase(valid().put("amount", new BigDecimal("1000000000"))).amount());
        InputProblem p = onlyProblem(valid().put("amount", new BigDecimal("1000000000.01")));
        assertEquals("amount", p.field());
        assertTrue(p.message().contains("at most 1000000000"), p.message());
    }

    @Test
    void currencyMustBeTheBaseCurrency() {
        InputProblem p = onlyProblem(valid().put("currency", "EUR"));
        assertEquals("currency", p.field());
        assertEquals(InputProblem.CURRENCY_MISMATCH, p.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "DOLLAR", "XYZ", "123"})
    void currencyMustBeAnIsoCodeInCapitals(String code) {
        InputProblem p = onlyProblem(valid().put("currency", code));
        assertEquals("currency", p.field());
        assertEquals(InputProblem.INVALID_FIELD, p.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-01T10:00:00", "2026-11-01", "2026-11-01 10:00:00Z", "yesterday",
            "2026-11-01T10:00:00[Europe/Paris]", "2026-13-01T10:00:00Z"})
    void purchasedAtNeedsAnIsoDateTimeWithOffset(String text) {
        InputProblem p = onlyProblem(valid().put("purchasedAt", text));
        assertEquals("purchasedAt", p.field());
        assertTrue(p.message().contains("offset"), p.message());
    }

    @Test
    void purchasedAtMayBeAtMostFiveMinutesAhead() {
        assertEquals(NOW.plusSeconds(300), usd.purchase(valid().put("purchasedAt", "2026-11-20T12:05:00Z"))
                .purchasedAt().toInstant());
        // the same instant written with another offset
        assertEquals(NOW.plusSeconds(300), usd.purchase(valid().put("purchasedAt", "2026-11-20T13:05:00+01:00"))
                .purchasedAt().toInstant());
        InputProblem p = onlyProblem(valid().put("purchasedAt", "2026-11-20T12:05:00.001Z"));
        assertEquals("purchasedAt", p.field());
        assertTrue(p.message().contains("5 minutes in the future"), p.message());
    }

    @Test
    void purchasedAtIsNotBefore1970() {
        assertEquals("purchasedAt", onlyProblem(valid().put("purchasedAt", "1969-12-31T23:59:59Z")).field());
        assertEquals(Instant.EPOCH, usd.purchase(valid().put("purchasedAt", "1970-01-01T00:00:00Z")).purchasedAt().toInstant());
    }

    @Test
    void channelIsAShortStringWithoutControlCharacters() {
        assertEquals("web", usd.purchase(valid().put("channel", "web")).channel());
        assertEquals("c".repeat(64), usd.purchase(valid().put("channel", "c".repeat(64))).channel());
        assertEquals("channel", onlyProblem(valid().put("channel", "c".repeat(65))).field());
        assertEquals("channel", onlyProblem(valid().put("channel", "")).field());
        assertEquals("channel", onlyProblem(valid().put("channel", "we\tb")).field());
        assertEquals("channel", onlyProblem(valid().put("channel", 3)).field());
    }

    @Test
    void metadataIsStoredWithSortedKeys() {
        ObjectNode node = valid();
        node.putObject("metadata").put("z", "last").put("a", new BigDecimal("1.50")).put("m", true);
        assertEquals("{\"a\":1.50,\"m\":true,\"z\":\"last\"}", usd.purchase(node).metadataJson());
    }

    @Test
    void metadataMustBeFlat() {
        ObjectNode node = valid();
        ObjectNode metadata = node.putObject("metadata");
        metadata.putObject("nested").put("x", 1);
        metadata.putArray("list").add(1);
        metadata.putNull("empty");
        List<InputProblem> problems = problems(node);
        assertEquals(List.of("metadata.nested", "metadata.list", "metadata.empty"),
                problems.stream().map(InputProblem::field).toList());
        assertEquals("metadata", onlyProblem(valid().put("metadata", "text")).field());
    }

    @Test
    void metadataHasAtMost20Keys() {
        ObjectNode node = valid();
        ObjectNode metadata = node.putObject("metadata");
        for (int i = 0; i < 20; i++) {
            metadata.put("k" + i, i);
        }
        usd.purchase(node);
        metadata.put("k20", 20);
        InputProblem p = onlyProblem(node);
        assertEquals("metadata", p.field());
        assertTrue(p.message().contains("21 keys"), p.message());
    }

    @Test
    void metadataIsAtMost2048BytesAsJson() {
        // {"k":"<v>"} is 8 bytes plus the value; é is 2 bytes in UTF-8
        ObjectNode node = valid();
        node.putObject("metadata").put("k", "x".repeat(2040));
        assertEquals(2048, usd.purchase(node).metadataJson().length());
        node.putObject("metadata").put("k", "x".repeat(2039) + "é");
        InputProblem tooBig = onlyProblem(node);
        assertEquals("metadata", tooBig.field());
        assertTrue(tooBig.message().contains("2049 bytes"), tooBig.message());
        node.putObject("metadata").put("", "x");
        assertEquals("metadata", onlyProblem(node).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-10000", "1e10000", "1e-101", "1.5e-100", "1e101", "12345678901234567890123456789012345678901",
            "1.2345678901234567890123456789012345678901"})
    void metadataNumbersMustHaveAReasonablePlainForm(String number) {
        ObjectNode node = valid();
        node.set("metadata", Json.readClientBody("{\"ok\": 1, \"k\": " + number + "}"));
        InputProblem p = onlyProblem(node);
        assertEquals("metadata.k", p.field());
        assertEquals(InputProblem.INVALID_FIELD, p.code());
    }

    @Test
    void metadataNumbersAtTheLimitsAreStoredPlainly() {
        ObjectNode node = valid();
        node.set("metadata", Json.readClientBody("{\"big\": 1e100, \"small\": 1e-100, \"digits\": 1234567890123456789012345678901234567890}"));
        assertEquals("{\"big\":1" + "0".repeat(100) + ",\"digits\":1234567890123456789012345678901234567890,\"small\":0."
                + "0".repeat(99) + "1}", usd.purchase(node).metadataJson());
    }

    @Test
    void aRefundNeedsRefundOfAndOnlyARefundMayHaveIt() {
        PurchaseInput refund = usd.purchase(valid().put("kind", "REFUND").put("refundOf", "p-0"));
        assertEquals(PurchaseKind.REFUND, refund.kind());
        assertEquals("p-0", refund.refundOf());

        InputProblem missing = onlyProblem(valid().put("kind", "REFUND"));
        assertEquals("refundOf", missing.field());
        assertEquals(InputProblem.MISSING_FIELD, missing.code());
        assertEquals("refundOf", onlyProblem(valid().put("refundOf", "p-0")).field());
        assertEquals("refundOf", onlyProblem(valid().put("kind", "REFUND").put("refundOf", "p-1")).field());
        assertEquals("refundOf", onlyProblem(valid().put("kind", "REFUND").put("refundOf", "p#0")).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund", "SALE", ""})
    void kindIsPurchaseOrRefund(String kind) {
        assertEquals("kind", onlyProblem(valid().put("kind", kind)).field());
    }

    @Test
    void reportsEveryProblemOfOnePurchase() {
        ObjectNode node = valid().put("purchaseId", "p 1").put("amount", "12.345").put("currency", "EUR")
                .put("purchasedAt", "2026-10-30 10:00:00").put("chanel", "web");
        assertEquals(List.of("chanel", "purchaseId", "amount", "currency", "purchasedAt"),
                problems(node).stream().map(InputProblem::field).toList());
    }

    @Test
    void aPurchaseMustBeAnObject() {
        InputProblem p = onlyProblem(Json.readClientBody("[1]"));
        assertNull(p.field());
    }

    @Test
    void correctionsTakeAmountPurchasedAtOrBoth() {
        PurchaseCorrection both = usd.correction(Json.readClientBody(
                "{\"amount\": \"21.5\", \"purchasedAt\": \"2026-11-02T10:00:00Z\"}"));
        assertEquals(new BigDecimal("21.50"), both.amount().orElseThrow());
        assertEquals(Instant.parse("2026-11-02T10:00:00Z"), both.purchasedAt().orElseThrow().toInstant());
        assertTrue(usd.correction(Json.readClientBody("{\"amount\": 3}")).purchasedAt().isEmpty());

        List<InputProblem> none = assertThrows(InvalidInputException.class,
                () -> usd.correction(Json.readClientBody("{}"))).problems();
        assertEquals(InputProblem.MISSING_FIELD, none.getFirst().code());
        List<InputProblem> bad = assertThrows(InvalidInputException.class, () -> usd.correction(Json.readClientBody(
                "{\"amount\": -1, \"purchasedAt\": \"2026-11-20T12:06:00Z\", \"currency\": \"USD\"}"))).problems();
        assertEquals(List.of("currency", "amount", "purchasedAt"), bad.stream().map(InputProblem::field).toList());
    }

    @Test
    void businessDayIsTheDateInTheBusinessZone() {
        OffsetDateTime lateEvening = OffsetDateTime.parse("2026-10-28T23:40:12-04:00");
        assertEquals(LocalDate.parse("2026-10-29"), BusinessDay.of(lateEvening, ZoneOffset.UTC));
        assertEquals(LocalDate.parse("2026-10-28"), BusinessDay.of(lateEvening, ZoneId.of("America/New_York")));
        assertEquals(LocalDate.parse("2026-10-29"), BusinessDay.of(lateEvening, ZoneId.of("Asia/Tokyo")));
    }
}
