package dev.ltv.segment.store;

import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.Segments;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What replacing a customer's stored segment membership adds to the transaction that writes its state: the
 * difference on the customer's per-segment totals shard (one {@code ADD} update, so the totals stay the exact sums
 * of the stored memberships, whatever the order of the writes), and an outbox item with one
 * {@code CustomerSegmentChanged} event per dimension whose segment changed, committed with the state and published
 * after the commit.
 *
 * <pre>
 * pk           sk                 content
 * COMPANY#07   SEGMENTS           per segment (numbered by its place in Segments.allIds()): n{i} customers,
 *                                 r{i} revenue, l{i} sum of classic LTV, c{i} sum and k{i} count of predicted CLVs
 * CUSTOMER#c1  OUTBOX#{uuid}      events: the changes to publish (deleted once published)
 * </pre>
 */
public final class SegmentWrites {

    public static final String TOTALS_SK = "SEGMENTS";
    public static final String OUTBOX_PREFIX = "OUTBOX#";
    static final String EVENTS = "events";

    // Short names: the shard item holds five numbers for each of 22 segments, and every purchase's transaction
    // pays for its size, attribute names included: numbered, it stays under 1 KB (one write unit, two in a
    // transaction) instead of 2.6 KB with the ids spelled out.
    static final String CUSTOMERS = "n";
    static final String REVENUE = "r";
    static final String LTV_SUM = "l";
    static final String CLV_SUM = "c";
    static final String CLV_CUSTOMERS = "k";
    /** The numbering: Segments.allIds() only ever grows at its end, so a number keeps its segment. */
    static final List<String> NUMBERED = Segments.allIds();

    /** The attribute of one figure of one segment: its letter and the segment's number ({@code n0}). */
    static String attribute(String figure, String segmentId) {
        int number = NUMBERED.indexOf(segmentId);
        if (number < 0) {
            throw new IllegalArgumentException("not a segment id: " + segmentId);
        }
        return figure + number;
    }

    private SegmentWrites() {
    }

    /**
     * The membership to store with the state, the transaction items, and the events they record.
     *
     * @param outboxEnabled false when no event sink is configured: no outbox item is written
     */
    public record Planned(Map<String, AttributeValue> stateAttributes, List<TransactWriteItem> items,
                          List<SegmentChange> events, Map<String, AttributeValue> outboxKey) {

        public static final Planned NONE = new Planned(Map.of(), List.of(), List.of(), null);
    }

    /**
     * @param before    the membership stored now (null: none)
     * @param after     the membership to store (null: none)
     * @param eventSeed identifies the cause of the change (a stream record's eventID, a reassignment's day and
     *                  version): the events' ids derive from it, so a redelivered change gets the same ids
     */
    public static Planned plan(String table, String customerId, SegmentMembership before, SegmentMembership after,
                               String eventSeed, Instant now, boolean outboxEnabled) {
        Map<String, AttributeValue> state = after == null ? Map.of() : SegmentItems.toAttributes(after);
        List<TransactWriteItem> items = new ArrayList<>(2);
        Map<String, BigDecimal> delta = totalsDelta(before, after);
        if (!delta.isEmpty()) {
            items.add(totalsUpdate(table, Keys.companyShardOf(customerId), delta));
        }
        List<SegmentChange> events = changes(customerId, before, after, eventSeed, now);
        Map<String, AttributeValue> outboxKey = null;
        if (outboxEnabled && !events.isEmpty()) {
            outboxKey = Map.of(Keys.PK, AttributeValue.fromS(Keys.customer(customerId)),
                    Keys.SK, AttributeValue.fromS(OUTBOX_PREFIX + events.getFirst().eventId()));
            Map<String, AttributeValue> outbox = new HashMap<>(outboxKey);
            outbox.put(EVENTS, AttributeValue.fromL(events.stream().map(SegmentWrites::eventItem).toList()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(outbox).build()).build());
        }
        return new Planned(state, items, events, outboxKey);
    }

    /** One event per dimension whose segment differs between the two memberships. */
    static List<SegmentChange> changes(String customerId, SegmentMembership before, SegmentMembership after,
                                       String eventSeed, Instant now) {
        List<SegmentChange> events = new ArrayList<>();
        for (String dimension : SegmentMembership.DIMENSIONS) {
            String from = before == null ? null : before.idOf(dimension);
            String to = after == null ? null : after.idOf(dimension);
            if (Objects.equals(from, to)) {
                continue;
            }
            SegmentMembership current = after != null ? after : before;
            events.add(new SegmentChange(eventId(customerId, eventSeed, dimension), customerId, dimension, from, to,
                    after == null ? null : after.ltv(), after == null ? null : after.predictedClv(),
                    current.boundariesVersion(), now));
        }
        return events;
    }

    static String eventId(String customerId, String eventSeed, String dimension) {
        return UUID.nameUUIDFromBytes((customerId + '\n' + eventSeed + '\n' + dimension)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The per-segment sums' change: what {@code after} contributes minus what {@code before} did; zeros left out. */
    static Map<String, BigDecimal> totalsDelta(SegmentMembership before, SegmentMembership after) {
        Map<String, BigDecimal> delta = new LinkedHashMap<>();
        contribute(delta, after, BigDecimal.ONE);
        contribute(delta, before, BigDecimal.ONE.negate());
        delta.values().removeIf(value -> value.signum() == 0);
        return delta;
    }

    private static void contribute(Map<String, BigDecimal> delta, SegmentMembership membership, BigDecimal sign) {
        if (membership == null) {
            return;
        }
        for (String id : membership.ids()) {
            delta.merge(attribute(CUSTOMERS, id), sign, BigDecimal::add);
            delta.merge(attribute(REVENUE, id), membership.revenue().multiply(sign), BigDecimal::add);
            delta.merge(attribute(LTV_SUM, id), membership.ltv().multiply(sign), BigDecimal::add);
            if (membership.predictedClv() != null) {
                delta.merge(attribute(CLV_SUM, id), membership.predictedClv().multiply(sign), BigDecimal::add);
                delta.merge(attribute(CLV_CUSTOMERS, id), sign, BigDecimal::add);
            }
        }
    }

    private static TransactWriteItem totalsUpdate(String table, int shard, Map<String, BigDecimal> delta) {
        StringBuilder expression = new StringBuilder("ADD ");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, BigDecimal> entry : delta.entrySet()) {
            if (i > 0) {
                expression.append(", ");
            }
            expression.append("#a").append(i).append(" :v").append(i);
            names.put("#a" + i, entry.getKey());
            values.put(":v" + i, SegmentItems.n(entry.getValue()));
            i++;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(totalsKey(shard))
                .updateExpression(expression.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }

    public static Map<String, AttributeValue> totalsKey(int shard) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.companyShard(shard)), Keys.SK, AttributeValue.fromS(TOTALS_SK));
    }

    static AttributeValue eventItem(SegmentChange event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", AttributeValue.fromS(event.eventId()));
        item.put("customerId", AttributeValue.fromS(event.customerId()));
        item.put("dimension", AttributeValue.fromS(event.dimension()));
        if (event.oldSegment() != null) {
            item.put("oldSegment", AttributeValue.fromS(event.oldSegment()));
        }
        if (event.newSegment() != null) {
            item.put("newSegment", AttributeValue.fromS(event.newSegment()));
        }
        if (event.ltv() != null) {
            item.put("ltv", SegmentItems.n(event.ltv()));
        }
        if (event.predictedClv() != null) {
            item.put("predictedClv", SegmentItems.n(event.predictedClv()));
        }
        item.put("modelVersion", SegmentItems.n(event.modelVersion()));
        item.put("at", AttributeValue.fromS(event.at().toString()));
        return AttributeValue.fromM(item);
    }

    static SegmentChange eventFrom(AttributeValue value) {
        Map<String, AttributeValue> item = value.m();
        return new SegmentChange(item.get("eventId").s(), item.get("customerId").s(), item.get("dimension").s(),
                text(item.get("oldSegment")), text(item.get("newSegment")), number(item.get("ltv")),
                number(item.get("predictedClv")), Long.parseLong(item.get("modelVersion").n()),
                Instant.parse(item.get("at").s()));
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static BigDecimal number(AttributeValue value) {
        return value == null ? null : new BigDecimal(value.n());
    }
}
