package dev.ltv.recalc;

import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentChange;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentTotals;
import dev.ltv.state.CustomerState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The chaos test's check of segments: each customer's stored segments against an assignment of its recomputed
 * state, the per-segment totals against the sums over those, and the published events against the memberships
 * (per customer and dimension, the segments entered minus those left, counted once per event id, are exactly
 * the stored one: no committed change without its event, no event for a change that was not committed).
 */
final class SegmentRecomputation {

    /** Cuts spread over the chaos histories (purchases in 2024–2025, 1.00–500.00 each). */
    static final SegmentBoundaries BOUNDARIES = new SegmentBoundaries(Cuts.of(400, 500, 600, 700), Cuts.of(3, 6, 10, 15),
            Cuts.of(500, 1500, 3000, 6000), Cuts.of(1000, 5000, 10000), Cuts.of(5, 20, 60), 150, LocalDate.of(2026, 1, 1));

    private final TestEnvironment env;
    private final StoredModel model;
    private final SegmentAssigner assigner;
    final List<SegmentChange> published = new CopyOnWriteArrayList<>();
    final SegmentEventSink sink = published::addAll;
    private final Map<String, SegmentMembership> expected = new HashMap<>();
    /** Recency and P(alive) depend on the day of the write: a run that crosses midnight UTC wrote on either day. */
    private final LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);

    SegmentRecomputation(TestEnvironment env) {
        this.env = env;
        ClvModel clv = new ClvModel(new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS), -9582.4, 2357, 0),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), 0, 946, 0), LocalDate.of(2026, 1, 1));
        this.model = new ModelStore(env.dynamo().client(), env.config().ltvTable()).save(clv, 946, Instant.now(), BOUNDARIES);
        this.assigner = new SegmentAssigner(env.config());
    }

    /** One customer: its stored segments are those of its recomputed state. */
    void check(String customer, CustomerState recomputed, CustomerState stored) {
        SegmentMembership have = stored == null ? null : stored.segments();
        SegmentMembership want = recomputed == null ? null : assignedOnAWriteDay(recomputed, have);
        if (want == null || have == null) {
            assertEquals(want, have, customer + ": segments");
        } else {
            assertEquals(want.ids(), have.ids(), customer + ": segment ids");
            assertEquals(List.of(want.recencyScore(), want.frequencyScore(), want.monetaryScore()),
                    List.of(have.recencyScore(), have.frequencyScore(), have.monetaryScore()), customer + ": scores");
            assertEquals(0, want.revenue().compareTo(have.revenue()), customer + ": revenue");
            assertEquals(0, want.ltv().compareTo(have.ltv()), customer + ": ltv");
            assertTrue(want.predictedClv() == null ? have.predictedClv() == null
                    : want.predictedClv().compareTo(have.predictedClv()) == 0, customer + ": predicted CLV");
        }
        if (want != null) {
            expected.put(customer, want);
        }
    }

    /** The segments as assigned today, or on an earlier day of this run if those are the stored ones. */
    private SegmentMembership assignedOnAWriteDay(CustomerState recomputed, SegmentMembership stored) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SegmentMembership onToday = assigner.assign(recomputed, Optional.of(model), today);
        for (LocalDate day = firstDay; day.isBefore(today); day = day.plusDays(1)) {
            SegmentMembership then = assigner.assign(recomputed, Optional.of(model), day);
            if (stored != null && same(then, stored) && !same(onToday, stored)) {
                return then;
            }
        }
        return onToday;
    }

    private static boolean same(SegmentMembership a, SegmentMembership b) {
        return a.ids().equals(b.ids()) && a.recencyScore() == b.recencyScore() && a.frequencyScore() == b.frequencyScore()
                && a.monetaryScore() == b.monetaryScore() && a.revenue().compareTo(b.revenue()) == 0
                && a.ltv().compareTo(b.ltv()) == 0 && (a.predictedClv() == null ? b.predictedClv() == null
                : b.predictedClv() != null && a.predictedClv().compareTo(b.predictedClv()) == 0);
    }

    /** After every customer was checked: the totals, the events and the outboxes. */
    void checkTotalsAndEvents() {
        Map<String, SegmentTotals.Figures> want = new HashMap<>();
        expected.values().forEach(m -> m.ids().forEach(id -> want.merge(id, new SegmentTotals.Figures(1, m.revenue(), m.ltv(),
                m.predictedClv() == null ? BigDecimal.ZERO : m.predictedClv(), m.predictedClv() == null ? 0 : 1), SegmentRecomputation::plus)));
        Map<String, SegmentTotals.Figures> have = SegmentTotals.read(env.dynamo().client(), env.config().ltvTable(), true);
        for (String id : union(want.keySet(), have.keySet())) {
            SegmentTotals.Figures w = want.getOrDefault(id, SegmentTotals.Figures.EMPTY);
            SegmentTotals.Figures h = have.getOrDefault(id, SegmentTotals.Figures.EMPTY);
            if (w.customers() != h.customers() || w.clvCustomers() != h.clvCustomers() || w.revenue().compareTo(h.revenue()) != 0
                    || w.ltvSum().compareTo(h.ltvSum()) != 0 || w.clvSum().compareTo(h.clvSum()) != 0) {
                fail("segment " + id + ": totals " + h + " but the recomputed memberships sum to " + w);
            }
        }
        Map<String, Integer> balance = new HashMap<>();
        published.stream().collect(java.util.stream.Collectors.toMap(SegmentChange::eventId, e -> e, (a, b) -> {
            assertEquals(a.newSegment(), b.newSegment(), "a redelivered event says the same");
            return a;
        })).values().forEach(e -> {
            if (e.oldSegment() != null) {
                balance.merge(e.customerId() + " " + e.oldSegment(), -1, Integer::sum);
            }
            if (e.newSegment() != null) {
                balance.merge(e.customerId() + " " + e.newSegment(), 1, Integer::sum);
            }
        });
        Map<String, Integer> stored = new HashMap<>();
        expected.forEach((customer, m) -> m.ids().forEach(id -> stored.put(customer + " " + id, 1)));
        balance.values().removeIf(n -> n == 0);
        assertEquals(stored, balance, "segments entered minus left, by event id, equal the stored segments");
        List<Map<String, AttributeValue>> outbox = env.dynamo().client().scan(r -> r.tableName(env.config().ltvTable())
                .filterExpression("begins_with(sk, :o)").expressionAttributeValues(Map.of(":o", AttributeValue.fromS("OUTBOX#")))).items();
        assertTrue(outbox.isEmpty(), "every committed change was published and its outbox item deleted: " + outbox);
    }

    private static SegmentTotals.Figures plus(SegmentTotals.Figures a, SegmentTotals.Figures b) {
        return new SegmentTotals.Figures(a.customers() + b.customers(), a.revenue().add(b.revenue()), a.ltvSum().add(b.ltvSum()),
                a.clvSum().add(b.clvSum()), a.clvCustomers() + b.clvCustomers());
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
