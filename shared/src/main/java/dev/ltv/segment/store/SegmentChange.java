package dev.ltv.segment.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer entering or leaving a segment of one dimension: the detail of a {@code CustomerSegmentChanged} event.
 *
 * @param eventId      the same on every delivery of this change (derived from what caused it), so consumers drop
 *                     duplicates by it
 * @param dimension    {@code rfm}, {@code ltv}, {@code clv} or {@code churn}
 * @param oldSegment   the segment left; null when the customer had none in this dimension
 * @param newSegment   the segment entered; null when the customer has none now (e.g. all purchases deleted)
 * @param ltv          the classic LTV (deployment's default parameters) after the change; null when none
 * @param predictedClv the predicted CLV after the change; null when none
 * @param modelVersion the model version whose boundaries assigned the new segment (the old one's when leaving)
 */
public record SegmentChange(String eventId, String customerId, String dimension, String oldSegment,
                            String newSegment, BigDecimal ltv, BigDecimal predictedClv, long modelVersion,
                            Instant at) {

    public static final String SOURCE = "ltv";
    public static final String DETAIL_TYPE = "CustomerSegmentChanged";

    public SegmentChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(at, "at");
        if (Objects.equals(oldSegment, newSegment)) {
            throw new IllegalArgumentException("a change needs two different segments, was " + oldSegment);
        }
    }

    /** The event's detail as JSON (members without a value are left out). */
    public String detailJson() {
        StringBuilder json = new StringBuilder(256).append('{');
        member(json, "eventId", quoted(eventId));
        member(json, "customerId", quoted(customerId));
        member(json, "dimension", quoted(dimension));
        member(json, "oldSegment", oldSegment == null ? "null" : quoted(oldSegment));
        member(json, "newSegment", newSegment == null ? "null" : quoted(newSegment));
        member(json, "ltv", ltv == null ? "null" : ltv.toPlainString());
        member(json, "predictedClv", predictedClv == null ? "null" : predictedClv.toPlainString());
        member(json, "modelVersion", Long.toString(modelVersion));
        member(json, "at", quoted(at.toString()));
        return json.append('}').toString();
    }

    private static void member(StringBuilder json, String name, String value) {
        if (json.length() > 1) {
            json.append(',');
        }
        json.append('"').append(name).append("\":").append(value);
    }

    /** JSON string escaping; customer ids are restricted by the API, but states can come from elsewhere. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
