package dev.ltv.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.predict.TimeUnit;

import java.time.LocalDate;

/**
 * What every step of one daily pass agrees on, fixed by its first step so that a pass running over midnight, or a
 * step retried an hour later, still works on one as-of day: the pass's id (the key of its items), the fit's as-of
 * day, unit and holdout, the day segments are assigned as of, the number of scan segments, and the sample's bounds.
 *
 * @param holdoutWeeks    the request's holdout, or null for the deployment's
 * @param sampleHashLimit unsigned; -1 keeps every customer ({@link CustomerSample})
 */
record PassPlan(String passId, LocalDate asOf, TimeUnit unit, Integer holdoutWeeks, LocalDate today, int segments,
                int sampleSize, long sampleHashLimit) {

    PassPlan {
        if (passId == null || !passId.matches("[A-Za-z0-9_.:-]{1,80}")) {
            throw new IllegalArgumentException("a pass id is 1 to 80 letters, digits, '_', '.', ':' or '-', was " + passId);
        }
        if (segments < 1 || segments > PassSettings.MAX_SEGMENTS) {
            throw new IllegalArgumentException("segments must be 1.." + PassSettings.MAX_SEGMENTS + ", was " + segments);
        }
    }

    FitRequest request() {
        return new FitRequest(asOf, unit, holdoutWeeks);
    }

    /** The plan as the state machine carries it from step to step (a few hundred bytes). */
    record View(String passId, String asOf, String unit, Integer holdoutWeeks, String today, int segments,
                int sampleSize, String sampleHashLimit) {
    }

    View view() {
        return new View(passId, asOf.toString(), unit.label(), holdoutWeeks, today.toString(), segments, sampleSize,
                Long.toUnsignedString(sampleHashLimit));
    }

    static PassPlan fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a pass step needs the plan its first step returned");
        }
        return new PassPlan(node.path("passId").asText(null), LocalDate.parse(node.path("asOf").asText()),
                TimeUnit.parse(node.path("unit").asText()),
                node.hasNonNull("holdoutWeeks") ? node.get("holdoutWeeks").asInt() : null,
                LocalDate.parse(node.path("today").asText()), node.path("segments").asInt(),
                node.path("sampleSize").asInt(), Long.parseUnsignedLong(node.path("sampleHashLimit").asText()));
    }
}
