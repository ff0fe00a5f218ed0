package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.Transaction;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentChange;
import dev.ltv.segment.store.SegmentTotals;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily pass on CDNOW's calibration period: the fit's scan computes the segment boundaries (KLL sketches) and
 * stores them with the model version; the reassignment gives every customer its segments, with the per-segment
 * totals and one event per segment entered; a day later it writes only the customers whom the passing day moved.
 */
class SegmentPassIT {

    private static final String FIT = "{\"asOf\": \"1997-09-30\", \"unit\": \"weeks\"}";

    @Test
    void boundariesWithTheModelThenOnlyTheCustomersTimeMovedAreWritten() throws Exception {
        LocalDynamoDb dynamo = FitModelHandlerIT.dynamo();
        LtvConfig config = FitModelHandlerIT.config("segment-pass");
        List<Transaction> transactions = FitModelHandlerIT.calibrationTransactions();
        int customers = FitModelHandlerIT.writeStates(config, transactions);
        List<SegmentChange> published = new CopyOnWriteArrayList<>();
        FitModelHandlerIT.ManualClock clock = new FitModelHandlerIT.ManualClock();
        clock.now = Instant.parse("1997-10-01T08:00:00Z");
        FitModelHandler handler = new FitModelHandler(config, dynamo.client(), clock, published::addAll);

        APIGatewayV2HTTPResponse first = handler.handleRequest(FitRequestTest.post(FIT), null);
        assertEquals(200, first.getStatusCode(), first.getBody());
        StoredModel model = new ModelStore(dynamo.client(), config.ltvTable()).version(1).orElseThrow();
        SegmentBoundaries boundaries = model.boundaries().orElseThrow();
        assertEquals(customers, boundaries.customers());
        assertEquals(LocalDate.of(1997, 9, 30), boundaries.asOf());
        assertNotNull(boundaries.predictedClv(), "the CLV tiers under the model just fitted");

        // each cut is a quantile of the base within the sketch's rank error (well under 1 % here)
        Map<String, List<Transaction>> byCustomer = new TreeMap<>();
        transactions.forEach(t -> byCustomer.computeIfAbsent(t.customerId(), id -> new ArrayList<>()).add(t));
        double[] purchaseCounts = byCustomer.values().stream().mapToDouble(List::size).sorted().toArray();
        double[] recency = byCustomer.values().stream().mapToDouble(list -> ChronoUnit.DAYS.between(
                list.stream().map(Transaction::day).max(LocalDate::compareTo).orElseThrow(), boundaries.asOf())).sorted().toArray();
        assertQuantiles(purchaseCounts, boundaries.purchases().values(), SegmentBoundaries.QUINTILES);
        assertQuantiles(recency, boundaries.recencyDays().values(), SegmentBoundaries.QUINTILES);

        StateStore store = new StateStore(dynamo.client(), config.ltvTable(), CapacityMeter.OFF);
        Map<String, CustomerState> afterFirst = states(store);
        assertEquals(customers, afterFirst.size());
        long memberships = 0;
        for (CustomerState state : afterFirst.values()) {
            assertNotNull(state.segments(), state.customerId() + " got its segments from the reassignment");
            assertEquals(1, state.segments().boundariesVersion());
            memberships += state.segments().ids().size();
        }
        assertEquals(memberships, published.size(), "one event per segment entered");
        Map<String, SegmentTotals.Figures> totals = SegmentTotals.read(dynamo.client(), config.ltvTable(), true);
        assertEquals(customers, totals.entrySet().stream().filter(e -> e.getKey().startsWith("rfm:"))
                .mapToLong(e -> e.getValue().customers()).sum(), "the RFM counts add up to the customers");
        assertEquals(customers, totals.entrySet().stream().filter(e -> e.getKey().startsWith("ltv:"))
                .mapToLong(e -> e.getValue().customers()).sum());

        // a month later, the same calibration fitted again: the customers who did not buy are a month further away
        published.clear();
        clock.now = clock.now.plus(Duration.ofDays(30));
        SegmentAssigner assigner = new SegmentAssigner(config);
        APIGatewayV2HTTPResponse second = handler.handleRequest(FitRequestTest.post(FIT), null);
        assertEquals(200, second.getStatusCode(), second.getBody());
        StoredModel latest = new ModelStore(dynamo.client(), config.ltvTable()).version(2).orElseThrow();
        LocalDate today = LocalDate.of(1997, 10, 31);
        Map<String, CustomerState> afterSecond = states(store);
        int moved = 0;
        int events = 0;
        for (CustomerState before : afterFirst.values()) {
            CustomerState after = afterSecond.get(before.customerId());
            SegmentMembership expected = assigner.assign(before, Optional.of(latest), today);
            SegmentMembership old = before.segments();
            boolean same = old.ids().equals(expected.ids()) && old.recencyScore() == expected.recencyScore()
                    && old.frequencyScore() == expected.frequencyScore() && old.monetaryScore() == expected.monetaryScore();
            if (same) {
                // segments kept; the new model version's snapshot and the membership's figures are written, once
                assertEquals(before.version() + 1, after.version(), before.customerId() + " did not move: written once");
                assertEquals(old.ids(), after.segments().ids());
                assertNotNull(expected.predictedClv(), before.customerId());
                assertEquals(0, expected.predictedClv().compareTo(after.segments().predictedClv()), before.customerId()
                        + ": the membership's predicted CLV is the new model's, as the segment totals sum it");
            } else {
                moved++;
                assertEquals(before.version() + 1, after.version(), before.customerId() + " moved: written once");
                assertEquals(expected.ids(), after.segments().ids());
                assertEquals(2, after.segments().boundariesVersion());
                for (String dimension : SegmentMembership.DIMENSIONS) {
                    if (!java.util.Objects.equals(old.idOf(dimension), expected.idOf(dimension))) {
                        events++;
                    }
                }
            }
        }
        assertTrue(moved > 0 && moved < customers, "a month later some customers moved, not all: " + moved);
        assertEquals(events, published.size(), "one event per dimension that changed: " + published.size());
        Map<String, SegmentTotals.Figures> later = SegmentTotals.read(dynamo.client(), config.ltvTable(), true);
        Map<String, long[]> counted = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, BigDecimal> clv = new HashMap<>();
        afterSecond.values().forEach(s -> s.segments().ids().forEach(id -> {
            counted.computeIfAbsent(id, k -> new long[1])[0]++;
            revenue.merge(id, s.segments().revenue(), BigDecimal::add);
            if (s.segments().predictedClv() != null) {
                clv.merge(id, s.segments().predictedClv(), BigDecimal::add);
            }
        }));
        counted.forEach((id, n) -> {
            assertEquals(n[0], later.get(id).customers(), id);
            assertEquals(0, revenue.get(id).compareTo(later.get(id).revenue()), id);
            assertEquals(0, clv.getOrDefault(id, BigDecimal.ZERO).compareTo(later.get(id).clvSum()), id);
        });
        System.out.printf("segment pass on CDNOW: %d customers; a month later %d moved (%d events)%n", customers, moved, events);
    }

    private static Map<String, CustomerState> states(StateStore store) {
        Map<String, CustomerState> states = new HashMap<>();
        store.scanStates(4, state -> states.put(state.customerId(), state));
        return states;
    }

    /** The fraction of values at or below each cut is within 1 % of its quantile (ties: anywhere on the tie). */
    private static void assertQuantiles(double[] sorted, double[] cuts, double[] quantiles) {
        for (int i = 0; i < cuts.length; i++) {
            double cut = cuts[i];
            long below = Arrays.stream(sorted).filter(v -> v < cut).count();
            long atOrBelow = Arrays.stream(sorted).filter(v -> v <= cut).count();
            double q = quantiles[i] * sorted.length;
            assertTrue(below <= q + 0.01 * sorted.length && atOrBelow >= q - 0.01 * sorted.length,
                    "cut " + cut + " for quantile " + quantiles[i] + ": " + below + ".." + atOrBelow + " of " + sorted.length);
        }
    }
}
