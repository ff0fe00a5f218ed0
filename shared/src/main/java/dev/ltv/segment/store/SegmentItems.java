package dev.ltv.segment.store;

import dev.ltv.segment.SegmentMembership;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a customer's {@link SegmentMembership} to and from the attributes of its state item. */
public final class SegmentItems {

    /** String set of segment ids: what the rankings index (and a segment filter) reads. */
    public static final String SEGMENTS = "segments";
    static final String RECENCY_SCORE = "recencyScore";
    static final String FREQUENCY_SCORE = "frequencyScore";
    static final String MONETARY_SCORE = "monetaryScore";
    static final String BOUNDARIES_VERSION = "boundariesVersion";
    static final String REVENUE = "segmentRevenue";
    static final String LTV = "segmentLtv";
    static final String CLV = "segmentClv";

    /** Every attribute a membership may write: an update that changes a membership sets or removes each. */
    static final List<String> ALL = List.of(SEGMENTS, RECENCY_SCORE, FREQUENCY_SCORE, MONETARY_SCORE,
            BOUNDARIES_VERSION, REVENUE, LTV, CLV);

    private SegmentItems() {
    }

    /** Every attribute a membership may write on the state item. */
    public static List<String> attributeNames() {
        return ALL;
    }

    public static Map<String, AttributeValue> toAttributes(SegmentMembership membership) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SEGMENTS, AttributeValue.fromSs(membership.ids()));
        item.put(RECENCY_SCORE, n(membership.recencyScore()));
        item.put(FREQUENCY_SCORE, n(membership.frequencyScore()));
        item.put(MONETARY_SCORE, n(membership.monetaryScore()));
        item.put(BOUNDARIES_VERSION, n(membership.boundariesVersion()));
        item.put(REVENUE, n(membership.revenue()));
        item.put(LTV, n(membership.ltv()));
        if (membership.predictedClv() != null) {
            item.put(CLV, n(membership.predictedClv()));
        }
        return item;
    }

    /** The membership stored on a state item, or null when it has none. */
    public static SegmentMembership fromItem(Map<String, AttributeValue> item) {
        AttributeValue ids = item.get(SEGMENTS);
        if (ids == null || !ids.hasSs() || ids.ss().isEmpty() || !item.containsKey(BOUNDARIES_VERSION)) {
            return null;
        }
        AttributeValue clv = item.get(CLV);
        return new SegmentMembership(ids.ss(), whole(item, RECENCY_SCORE), whole(item, FREQUENCY_SCORE),
                whole(item, MONETARY_SCORE), new BigDecimal(item.get(BOUNDARIES_VERSION).n()).longValueExact(),
                decimal(item.get(REVENUE)), decimal(item.get(LTV)), clv == null ? null : decimal(clv));
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    private static int whole(Map<String, AttributeValue> item, String name) {
        return new BigDecimal(item.get(name).n()).intValueExact();
    }

    private static BigDecimal decimal(AttributeValue value) {
        return new BigDecimal(value.n());
    }
}
