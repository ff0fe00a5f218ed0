package dev.ltv.segment.store;

import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.Segments;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentWritesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T21:00:00Z");

    private static SegmentMembership membership(String rfm, String ltv, String revenue, String ltvValue, String clv) {
        List<String> ids = clv == null ? List.of("rfm:" + rfm, "ltv:" + ltv)
                : List.of("rfm:" + rfm, "ltv:" + ltv, "clv:top-50-percent", "churn:low");
        return new SegmentMembership(ids, 5, 2, 3, 1, new BigDecimal(revenue), new BigDecimal(ltvValue),
                clv == null ? null : new BigDecimal(clv));
    }

    @Test
    void theTotalsChangeByTheNewMembershipMinusTheOldOne() {
        SegmentMembership before = membership("new", "top-50-percent", "40.00", "120.00", "10.00");
        SegmentMembership after = membership("potential-loyalist", "top-50-percent", "100.00", "300.00", "25.50");
        Map<String, BigDecimal> delta = SegmentWrites.totalsDelta(before, after);
        String newNumber = Integer.toString(Segments.allIds().indexOf("rfm:new"));
        String loyalistNumber = Integer.toString(Segments.allIds().indexOf("rfm:potential-loyalist"));
        String tierNumber = Integer.toString(Segments.allIds().indexOf("ltv:top-50-percent"));
        assertEquals(new BigDecimal("-1"), delta.get("n" + newNumber));
        assertEquals(new BigDecimal("1"), delta.get("n" + loyalistNumber));
        assertEquals(0, new BigDecimal("-40.00").compareTo(delta.get("r" + newNumber)));
        assertEquals(0, new BigDecimal("100.00").compareTo(delta.get("r" + loyalistNumber)));
        assertNull(delta.get("n" + tierNumber), "same tier: its count does not move");
        assertEquals(0, new BigDecimal("60.00").compareTo(delta.get("r" + tierNumber)), "but its revenue does");
        assertEquals(0, new BigDecimal("180.00").compareTo(delta.get("l" + tierNumber)));
        assertEquals(0, new BigDecimal("15.50").compareTo(delta.get("c" + tierNumber)));
        assertNull(delta.get("k" + tierNumber), "still one customer with a CLV");
        assertTrue(SegmentWrites.totalsDelta(after, after).isEmpty(), "the same membership again changes nothing");
    }

    @Test
    void oneEventPerDimensionThatChangedWithIdsThatDependOnlyOnTheCause() {
        SegmentMembership before = membership("new", "top-50-percent", "40.00", "120.00", "10.00");
        SegmentMembership after = membership("potential-loyalist", "top-50-percent", "100.00", "300.00", "25.50");
        List<SegmentChange> events = SegmentWrites.changes("c-1", before, after, "stream-event-7", NOW);
        assertEquals(1, events.size(), events.toString());
        SegmentChange move = events.getFirst();
        assertEquals("rfm", move.dimension());
        assertEquals("rfm:new", move.oldSegment());
        assertEquals("rfm:potential-loyalist", move.newSegment());
        assertEquals(0, new BigDecimal("300.00").compareTo(move.ltv()));
        assertEquals(move.eventId(), SegmentWrites.changes("c-1", before, after, "stream-event-7", NOW.plusSeconds(9))
                .getFirst().eventId(), "a redelivery of the same cause: the same id");
        assertNotEquals(move.eventId(), SegmentWrites.changes("c-1", before, after, "stream-event-8", NOW)
                .getFirst().eventId());
        assertNotEquals(move.eventId(), SegmentWrites.changes("c-2", before, after, "stream-event-7", NOW)
                .getFirst().eventId());

        List<SegmentChange> entered = SegmentWrites.changes("c-1", null, after, "e", NOW);
        assertEquals(Set.of("rfm", "ltv", "clv", "churn"), Set.copyOf(entered.stream().map(SegmentChange::dimension).toList()));
        assertTrue(entered.stream().allMatch(e -> e.oldSegment() == null));
        List<SegmentChange> left = SegmentWrites.changes("c-1", after, null, "e", NOW);
        assertTrue(left.stream().allMatch(e -> e.newSegment() == null && e.ltv() == null && e.modelVersion() == 1));
    }

    @Test
    void theOutboxHoldsTheEventsAndReadsBackTheSame() {
        SegmentMembership after = membership("champions", "top-1-percent", "900.00", "2700.00", "310.22");
        SegmentWrites.Planned planned = SegmentWrites.plan("t", "c-1", null, after, "e-1", NOW, true);
        assertEquals(2, planned.items().size(), "the totals update and the outbox put");
        Map<String, AttributeValue> outbox = planned.items().get(1).put().item();
        assertEquals("CUSTOMER#c-1", outbox.get("pk").s());
        assertTrue(outbox.get("sk").s().startsWith(SegmentWrites.OUTBOX_PREFIX));
        List<SegmentChange> read = outbox.get(SegmentWrites.EVENTS).l().stream().map(SegmentWrites::eventFrom).toList();
        assertEquals(planned.events(), read);
        assertEquals(1, SegmentWrites.plan("t", "c-1", null, after, "e-1", NOW, false).items().size(),
                "without an event sink: no outbox");
        assertEquals(SegmentItems.toAttributes(after), planned.stateAttributes());
        assertEquals(after, SegmentItems.fromItem(planned.stateAttributes()));
    }

    @Test
    void theDetailIsJsonWithEveryMember() {
        SegmentChange change = new SegmentChange("id-1", "c\"1", "churn", "churn:low", "churn:high", new BigDecimal("12.50"),
                null, 3, NOW);
        assertEquals("{\"eventId\":\"id-1\",\"customerId\":\"c\\\"1\",\"dimension\":\"churn\",\"oldSegment\":\"churn:low\","
                + "\"newSegment\":\"churn:high\",\"ltv\":12.50,\"predictedClv\":null,\"modelVersion\":3,"
                + "\"at\":\"2026-11-30T21:00:00Z\"}", change.detailJson());
        assertThrows(IllegalArgumentException.class, () -> new SegmentChange("x", "c", "rfm", "rfm:new", "rfm:new",
                null, null, 1, NOW));
        assertThrows(IllegalArgumentException.class, () -> new SegmentMembership(List.of("rfm:new", "rfm:lost"), 1, 1, 1,
                1, BigDecimal.ONE, BigDecimal.ONE, null), "one segment per dimension");
    }
}
