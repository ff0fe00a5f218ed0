package dev.ltv.purchase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static dev.ltv.purchase.InputProblem.CURRENCY_MISMATCH;
import static dev.ltv.purchase.InputProblem.INVALID_FIELD;
import static dev.ltv.purchase.InputProblem.MISSING_FIELD;
import static dev.ltv.purchase.InputProblem.UNKNOWN_FIELD;

/**
 * The rules for a purchase a client sends, shared by everything that accepts purchases. Every problem of an
 * object is reported (not only the first), each naming its field.
 *
 * <ul>
 *   <li>{@code customerId}, {@code purchaseId}, {@code refundOf}: 1–128 characters of {@code A-Z a-z 0-9 . _ : -}
 *       (no {@code #}: it separates the parts of the LTV table's keys); a new customer or purchase id is not
 *       {@code .} or {@code ..}, which clients remove from a URL path, so that its routes can name it</li>
 *   <li>{@code amount}: a JSON number, or a string holding a plain decimal (clients whose JSON numbers are
 *       binary floats can send "19.99" exactly); greater than 0, at most {@link #MAX_AMOUNT}; no more decimal
 *       places than the currency's minor unit, judged on the value (19.900 USD is accepted as 19.90,
 *       19.999 is refused: nothing is ever rounded)</li>
 *   <li>{@code currency}: an ISO 4217 code in capitals; must be the base currency (CURRENCY_MISMATCH)</li>
 *   <li>{@code purchasedAt}: ISO-8601 date-time with an offset (Z or ±hh:mm), from 1970 on, at most
 *       {@link #FUTURE_TOLERANCE} ahead of the clock</li>
 *   <li>{@code channel}: optional, 1–64 characters, no control characters</li>
 *   <li>{@code metadata}: optional flat object: at most 20 keys of 1–64 characters, values string, number or
 *       boolean, at most 2048 bytes as JSON; numbers of at most 40 digits and a scale within ±100 (they are
 *       stored in plain notation); stored with its keys sorted so that key order is not content</li>
 *   <li>{@code kind}: optional, PURCHASE (default) or REFUND; {@code refundOf} is required for a refund and
 *       refused otherwise</li>
 *   <li>any other field is refused (UNKNOWN_FIELD): a misspelt optional field must not be dropped silently</li>
 * </ul>
 * A JSON null counts as absent.
 */
public final class PurchaseValidator {

    public static final int MAX_ID_LENGTH = 128;
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    public static final Instant EARLIEST_PURCHASE = Instant.EPOCH;
    public static final int MAX_CHANNEL_LENGTH = 64;
    public static final int MAX_METADATA_KEYS = 20;
    public static final int MAX_METADATA_KEY_LENGTH = 64;
    public static final int MAX_METADATA_BYTES = 2048;
    public static final int MAX_METADATA_PRECISION = 40;
    public static final int MAX_METADATA_SCALE = 100;

    public static final Set<String> PURCHASE_FIELDS = Set.of("purchaseId", "customerId", "amount", "currency",
            "purchasedAt", "channel", "metadata", "kind", "refundOf");
    public static final Set<String> CORRECTION_FIELDS = Set.of("amount", "purchasedAt");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,20})?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    /** Currencies without a minor unit in ISO 4217 (funds, metals): allow what money systems commonly keep. */
    private static final int FALLBACK_MINOR_DIGITS = 4;

    private final Currency baseCurrency;
    private final int minorDigits;
    private final Clock clock;

    public PurchaseValidator(Currency baseCurrency, Clock clock) {
        this.baseCurrency = baseCurrency;
        int digits = baseCurrency.getDefaultFractionDigits();
        this.minorDigits = digits < 0 ? FALLBACK_MINOR_DIGITS : digits;
        this.clock = clock;
    }

    public static boolean isValidId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** The amount written the way it is stored: scaled to the base currency's minor unit. */
    public BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(minorDigits);
    }

    /** @throws InvalidInputException listing every problem of the object */
    public PurchaseInput purchase(JsonNode node) {
        List<InputProblem> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(List.of(new InputProblem(null, INVALID_FIELD,
                    "a purchase must be a JSON object")));
        }
        unknownFields(node, PURCHASE_FIELDS, problems);
        String purchaseId = pathSegmentId(node, "purchaseId", problems);
        String customerId = pathSegmentId(node, "customerId", problems);
        BigDecimal amount = amount(node, problems);
        String currency = currency(node, problems);
        OffsetDateTime purchasedAt = purchasedAt(node, problems);
        String channel = channel(node, problems);
        String metadata = metadata(node, problems);
        PurchaseKind kind = kind(node, problems);
        String refundOf = id(node, "refundOf", false, problems);
        if (kind == PurchaseKind.REFUND && refundOf == null && isAbsent(node.get("refundOf"))) {
            problems.add(new InputProblem("refundOf", MISSING_FIELD,
                    "is required for a refund: the purchaseId of the purchase being refunded"));
        }
        if (kind == PurchaseKind.PURCHASE && !isAbsent(node.get("refundOf"))) {
            problems.add(new InputProblem("refundOf", INVALID_FIELD,
                    "is only allowed on a refund (kind REFUND)"));
        }
        if (kind == PurchaseKind.REFUND && refundOf != null && refundOf.equals(purchaseId)) {
            problems.add(new InputProblem("refundOf", INVALID_FIELD, "a refund cannot refund itself"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PurchaseInput(customerId, purchaseId, kind, amount, currency, purchasedAt, channel, metadata,
                kind == PurchaseKind.REFUND ? refundOf : null);
    }

    /** @throws InvalidInputException listing every problem of the object */
    public PurchaseCorrection correction(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(List.of(new InputProblem(null, INVALID_FIELD,
                    "a correction must be a JSON object with amount, purchasedAt or both")));
        }
        List<InputProblem> problems = new ArrayList<>();
        unknownFields(node, CORRECTION_FIELDS, problems);
        Optional<BigDecimal> amount = isAbsent(node.get("amount")) ? Optional.empty()
                : Optional.ofNullable(amount(node, problems));
        Optional<OffsetDateTime> purchasedAt = isAbsent(node.get("purchasedAt")) ? Optional.empty()
                : Optional.ofNullable(purchasedAt(node, problems));
        if (isAbsent(node.get("amount")) && isAbsent(node.get("purchasedAt"))) {
            problems.add(new InputProblem(null, MISSING_FIELD,
                    "a correction changes amount, purchasedAt or both; neither was given"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PurchaseCorrection(amount, purchasedAt);
    }

    private static void unknownFields(JsonNode node, Set<String> known, List<InputProblem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new InputProblem(name, UNKNOWN_FIELD,
                        "is not a known field; accepted fields are " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /**
     * A required id that becomes a segment of its routes' paths. Ids stored before this rule stay readable: only
     * new ones are refused ({@code refundOf} may name such a purchase).
     */
    private static String pathSegmentId(JsonNode node, String field, List<InputProblem> problems) {
        String id = id(node, field, true, problems);
        if (".".equals(id) || "..".equals(id)) {
            problems.add(new InputProblem(field, INVALID_FIELD, "must not be '.' or '..': clients remove those from a"
                    + " URL path, so no route could name it"));
            return null;
        }
        return id;
    }

    private static String id(JsonNode node, String field, boolean required, List<InputProblem> problems) {
        JsonNode value = node.get(field);
        if (isAbsent(value)) {
            if (required) {
                problems.add(new InputProblem(field, MISSING_FIELD, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new InputProblem(field, INVALID_FIELD, "must be a string"));
            return null;
        }
        if (!isValidId(value.textValue())) {
            problems.add(new InputProblem(field, INVALID_FIELD,
                    "must be 1 to " + MAX_ID_LENGTH + " characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'"));
            return null;
        }
        return value.textValue();
    }

    private BigDecimal amount(JsonNode node, List<InputProblem> problems) {
        JsonNode value = node.get("amount");
        if (isAbsent(value)) {
            problems.add(new InputProblem("amount", MISSING_FIELD, "is required"));
            return null;
        }
        BigDecimal amount;
        if (value.isNumber()) {
            amount = value.decimalValue();
        } else if (value.isTextual() && PLAIN_DECIMAL.matcher(value.textValue()).matches()) {
            amount = new BigDecimal(value.textValue());
        } else {
            problems.add(new InputProblem("amount", INVALID_FIELD,
                    "must be a decimal number such as 19.99 (a JSON number, or a string with digits and one '.')"));
            return null;
        }
        if (amount.signum() <= 0) {
            problems.add(new InputProblem("amount", INVALID_FIELD, "must be greater than 0"));
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            problems.add(new InputProblem("amount", INVALID_FIELD, "must be at most " + MAX_AMOUNT.toPlainString()));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > minorDigits) {
            problems.add(new InputProblem("amount", INVALID_FIELD, "has more decimal places than "
                    + baseCurrency.getCurrencyCode() + " allows (" + minorDigits + "); amounts are never rounded"));
            return null;
        }
        return scaled(amount);
    }

    private String currency(JsonNode node, List<InputProblem> problems) {
        JsonNode value = node.get("currency");
        if (isAbsent(value)) {
            problems.add(new InputProblem("currency", MISSING_FIELD,
                    "is required (ISO 4217, here " + baseCurrency.getCurrencyCode() + ")"));
            return null;
        }
        if (!value.isTextual() || !CURRENCY_CODE.matcher(value.textValue()).matches() || !isIsoCurrency(value.textValue())) {
            problems.add(new InputProblem("currency", INVALID_FIELD,
                    "must be an ISO 4217 currency code in capitals, such as " + baseCurrency.getCurrencyCode()));
            return null;
        }
        if (!value.textValue().equals(baseCurrency.getCurrencyCode())) {
            problems.add(new InputProblem("currency", CURRENCY_MISMATCH, "is " + value.textValue()
                    + " but this service accepts " + baseCurrency.getCurrencyCode() + " only; convert before sending"));
            return null;
        }
        return value.textValue();
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private OffsetDateTime purchasedAt(JsonNode node, List<InputProblem> problems) {
        JsonNode value = node.get("purchasedAt");
        if (isAbsent(value)) {
            problems.add(new InputProblem("purchasedAt", MISSING_FIELD, "is required"));
            return null;
        }
        OffsetDateTime at;
        try {
            if (!value.isTextual()) {
                throw new DateTimeParseException("not text", "", 0);
            }
            at = OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            problems.add(new InputProblem("purchasedAt", INVALID_FIELD,
                    "must be an ISO-8601 date-time with an offset, such as 2026-03-14T15:09:26Z or 2026-03-14T16:09:26+01:00"));
            return null;
        }
        Instant latest = clock.instant().plus(FUTURE_TOLERANCE);
        if (at.toInstant().isAfter(latest)) {
            problems.add(new InputProblem("purchasedAt", INVALID_FIELD,
                    "is more than " + FUTURE_TOLERANCE.toMinutes() + " minutes in the future (the server's time is "
                            + clock.instant() + ")"));
            return null;
        }
        if (at.toInstant().isBefore(EARLIEST_PURCHASE)) {
            problems.add(new InputProblem("purchasedAt", INVALID_FIELD, "must not be before " + EARLIEST_PURCHASE));
            return null;
        }
        return at;
    }

    private static String channel(JsonNode node, List<InputProblem> problems) {
        JsonNode value = node.get("channel");
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isTextual() || !isShortText(value.textValue(), MAX_CHANNEL_LENGTH)) {
            problems.add(new InputProblem("channel", INVALID_FIELD,
                    "must be a string of 1 to " + MAX_CHANNEL_LENGTH + " characters without control characters"));
            return null;
        }
        return value.textValue();
    }

    private static String metadata(JsonNode node, List<InputProblem> problems) {
        JsonNode value = node.get("metadata");
        if (isAbsent(value)) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(new InputProblem("metadata", INVALID_FIELD,
                    "must be a JSON object of string, number or boolean values"));
            return null;
        }
        if (value.size() > MAX_METADATA_KEYS) {
            problems.add(new InputProblem("metadata", INVALID_FIELD,
                    "has " + value.size() + " keys; at most " + MAX_METADATA_KEYS + " are allowed"));
            return null;
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        boolean valid = true;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!isShortText(field.getKey(), MAX_METADATA_KEY_LENGTH)) {
                problems.add(new InputProblem("metadata", INVALID_FIELD, "keys must be 1 to "
                        + MAX_METADATA_KEY_LENGTH + " characters without control characters"));
                valid = false;
                continue;
            }
            JsonNode entry = field.getValue();
            if (!(entry.isTextual() || entry.isNumber() || entry.isBoolean())) {
                problems.add(new InputProblem("metadata." + field.getKey(), INVALID_FIELD,
                        "must be a string, number or boolean: metadata is a flat object"));
                valid = false;
                continue;
            }
            if (entry.isNumber() && !isReasonableNumber(entry.decimalValue())) {
                problems.add(new InputProblem("metadata." + field.getKey(), INVALID_FIELD,
                        "must be a number of at most " + MAX_METADATA_PRECISION + " significant digits and at most "
                                + MAX_METADATA_SCALE + " decimal places or trailing zeros; send other values as a string"));
                valid = false;
                continue;
            }
            sorted.put(field.getKey(), entry);
        }
        if (!valid) {
            return null;
        }
        String json = Json.write(sorted);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_METADATA_BYTES) {
            problems.add(new InputProblem("metadata", INVALID_FIELD,
                    "is " + bytes + " bytes as JSON; at most " + MAX_METADATA_BYTES + " are allowed"));
            return null;
        }
        return json;
    }

    private static PurchaseKind kind(JsonNode node, List<InputProblem> problems) {
        JsonNode value = node.get("kind");
        if (isAbsent(value)) {
            return PurchaseKind.PURCHASE;
        }
        if (value.isTextual()) {
            for (PurchaseKind kind : PurchaseKind.values()) {
                if (kind.name().equals(value.textValue())) {
                    return kind;
                }
            }
        }
        problems.add(new InputProblem("kind", INVALID_FIELD, "must be PURCHASE or REFUND"));
        return null;
    }

    /** Numbers are stored in plain notation: a huge exponent would make thousands of digits (or none at all). */
    private static boolean isReasonableNumber(BigDecimal number) {
        // not Math.abs(scale): the scale of 1e2147483648 is Integer.MIN_VALUE, whose absolute value is negative
        int scale = number.scale();
        return number.precision() <= MAX_METADATA_PRECISION && scale >= -MAX_METADATA_SCALE && scale <= MAX_METADATA_SCALE;
    }

    private static boolean isShortText(String text, int maxLength) {
        return !text.isEmpty() && text.length() <= maxLength && text.chars().noneMatch(Character::isISOControl);
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
