package dev.ltv.fit.segment;

import dev.ltv.config.LtvConfig;
import dev.ltv.fit.FitTestAccess;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.predict.Transaction;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentChange;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentOutbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reassignment's events are at least once too: a publication that fails after the commit leaves the outbox,
 * and the next pass (whose scan reads outbox items) publishes them with the same ids; customers it does not move
 * cost no write.
 */
class SegmentReassignmentIT {

    @Test
    void eventsAPassCouldNotPublishGoOutWithTheNextPass() throws Exception {
        LtvConfig config = FitTestAccess.config("reassign");
        DynamoDbClient dynamo = FitTestAccess.dynamo();
        LocalDate today = LocalDate.of(2026, 11, 30);
        List<Transaction> transactions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            transactions.add(new Transaction("r-" + i, today.minusDays(10L * i + 1), new BigDecimal(20 + 7 * i)));
        }
        FitTestAccess.writeStates(config, transactions);
        StoredModel model = new ModelStore(dynamo, config.ltvTable()).save(new ClvModel(
                new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), today.minusDays(1)), 946,
                Instant.parse("2026-11-30T03:00:00Z"), new SegmentBoundaries(Cuts.of(20, 40, 60, 80), Cuts.of(1, 1, 1, 1),
                        Cuts.of(30, 50, 70, 90), Cuts.of(100, 200, 300), Cuts.of(5, 20, 60), 12, today));

        List<SegmentChange> published = new CopyOnWriteArrayList<>();
        AtomicBoolean busDown = new AtomicBoolean(true);
        SegmentEventSink sink = events -> {
            if (busDown.get()) {
                throw new IllegalStateException("the bus is unavailable (injected)");
            }
            published.addAll(events);
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T05:00:00Z"), ZoneOffset.UTC);
        SegmentReassignment pass = new SegmentReassignment(dynamo, config.ltvTable(), new SegmentAssigner(config),
                new SegmentOutbox(dynamo, config.ltvTable(), sink), clock, 3);

        SegmentReassignment.Result first = pass.run(model, today);
        assertEquals(12, first.scanned());
        assertEquals(12, first.moved(), "everyone enters its segments");
        assertTrue(published.isEmpty());
        assertEquals(12, outboxItems(dynamo, config).size(), "committed, not yet published");

        busDown.set(false);
        SegmentReassignment.Result second = pass.run(model, today);
        assertEquals(0, second.moved(), "the same day, the same boundaries: nobody moves, nothing is written");
        assertEquals(12, second.unchanged());
        assertEquals(first.events(), second.outboxRepublished());
        assertEquals(first.events(), published.size());
        Set<String> ids = new HashSet<>();
        published.forEach(e -> ids.add(e.eventId()));
        assertEquals(published.size(), ids.size(), "each event once");
        assertTrue(outboxItems(dynamo, config).isEmpty());

        // forty days later the recent buyers are no longer recent: only they move
        SegmentReassignment.Result later = pass.run(model, today.plusDays(40));
        assertTrue(later.moved() > 0 && later.moved() < 12, later.toString());
        assertEquals(later.moved() + later.unchanged(), 12);
    }

    private static List<Map<String, AttributeValue>> outboxItems(DynamoDbClient dynamo, LtvConfig config) {
        return dynamo.scan(r -> r.tableName(config.ltvTable()).filterExpression("begins_with(sk, :o)")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("OUTBOX#")))).items();
    }
}
