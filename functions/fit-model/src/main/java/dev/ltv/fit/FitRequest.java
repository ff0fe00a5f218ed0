package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.ApiException;
import dev.ltv.api.Json;
import dev.ltv.predict.TimeUnit;
import dev.ltv.purchase.PurchaseValidator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What to fit: the calibration period's last day, the time unit and the holdout the candidate models are
 * scored on. All optional in the body ({@code {"asOf": "yyyy-MM-dd", "unit": "weeks"|"days", "holdoutWeeks": 26}});
 * an empty body (the schedule's) takes the defaults.
 *
 * <p>The calibration period must end on a complete day, or a customer who buys again later today would be
 * counted with part of the day's purchases: {@code asOf} defaults to yesterday and may not be later.
 */
record FitRequest(LocalDate asOf, TimeUnit unit, Integer holdoutWeeks) {

    /** The longest holdout a request may ask for: ten years. */
    static final int MAX_HOLDOUT_WEEKS = 520;

    /** A request with the deployment's holdout (HOLDOUT_WEEKS, or the default). */
    FitRequest(LocalDate asOf, TimeUnit unit) {
        this(asOf, unit, null);
    }

    static final String INVALID_FIELD = "INVALID_FIELD";
    static final int MAX_BODY_CHARS = 4096;
    private static final Set<String> FIELDS = Set.of("asOf", "unit", "holdoutWeeks");
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * @param today today in the business time zone
     */
    static FitRequest parse(APIGatewayV2HTTPEvent event, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        refuseQueryParameters(event);
        String body = text(event);
        if (body.isBlank()) {
            return new FitRequest(yesterday, TimeUnit.WEEKS);
        }
        JsonNode root = Json.readClientBody(body);
        if (!root.isObject()) {
            throw ApiException.badRequest("INVALID_BODY", null,
                    "the body must be a JSON object such as {\"asOf\": \"" + yesterday + "\", \"unit\": \"weeks\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("UNKNOWN_FIELD", name, name + " is not a field of a fit request; "
                        + "send asOf, unit and/or holdoutWeeks");
            }
        }
        return new FitRequest(asOf(root.get("asOf"), yesterday), unit(root.get("unit")),
                holdoutWeeks(root.get("holdoutWeeks")));
    }

    private static Integer holdoutWeeks(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1
                || node.asInt() > MAX_HOLDOUT_WEEKS) {
            throw invalid("holdoutWeeks", "holdoutWeeks must be a whole number of weeks from 1 to "
                    + MAX_HOLDOUT_WEEKS + " (the holdout the candidate models are scored on)");
        }
        return node.asInt();
    }

    /** The fields go in the body: {@code ?asOf=} in the URL would otherwise fit as of yesterday instead, unnoticed. */
    private static void refuseQueryParameters(APIGatewayV2HTTPEvent event) {
        Map<String, String> parameters = event.getQueryStringParameters();
        if (parameters != null && !parameters.isEmpty()) {
            String name = new TreeSet<>(parameters.keySet()).first();
            throw ApiException.badRequest("UNKNOWN_PARAMETER", name, "unknown query parameter '" + name
                    + "': a fit request's asOf, unit and holdoutWeeks go in the JSON body");
        }
    }

    private static LocalDate asOf(JsonNode node, LocalDate yesterday) {
        if (node == null || node.isNull()) {
            return yesterday;
        }
        if (!node.isTextual() || !ISO_DAY.matcher(node.asText()).matches()) {
            throw invalid("asOf", "asOf must be a date written yyyy-MM-dd, e.g. " + yesterday);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw invalid("asOf", "asOf is not a calendar date: " + node.asText());
        }
        if (day.isAfter(yesterday)) {
            throw invalid("asOf", "asOf must be a complete day in the business time zone, at most " + yesterday
                    + "; was " + day);
        }
        // no purchase is dated before 1970 (ingest refuses them), so an earlier day could only record a refusal
        LocalDate earliest = LocalDate.ofInstant(PurchaseValidator.EARLIEST_PURCHASE, ZoneOffset.UTC);
        if (day.isBefore(earliest)) {
            throw invalid("asOf", "asOf must not be before " + earliest + " (no purchase can be older); was " + day);
        }
        return day;
    }

    private static TimeUnit unit(JsonNode node) {
        if (node == null || node.isNull()) {
            return TimeUnit.WEEKS;
        }
        if (!node.isTextual()) {
            throw invalid("unit", "unit must be \"weeks\" or \"days\"");
        }
        try {
            return TimeUnit.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw invalid("unit", "unit must be \"weeks\" or \"days\", not \"" + node.asText() + "\"");
        }
    }

    private static String text(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (body.length() > MAX_BODY_CHARS * 2) {
            throw tooLarge();
        }
        if (event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("INVALID_BODY", null, "the body is marked base64-encoded but is not valid base64");
            }
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw tooLarge();
        }
        return body;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", null, "a fit request is a small JSON object (asOf, unit, holdoutWeeks)");
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest(INVALID_FIELD, field, message);
    }
}
