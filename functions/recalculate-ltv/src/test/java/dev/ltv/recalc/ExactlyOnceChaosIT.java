package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ltv.calc.ChannelTotals;
import dev.ltv.calc.CohortTotals;
import dev.ltv.calc.CompanyTotals;
import dev.ltv.calc.Period;
import dev.ltv.calc.PeriodTotals;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.dynamodblocal.StreamEvents;
import dev.ltv.dynamodblocal.StreamReader;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.ChannelStore;
import dev.ltv.state.CohortStore;
import dev.ltv.state.CustomerState;
import dev.ltv.state.DayTotal;
import dev.ltv.state.FullState;
import dev.ltv.state.PeriodStore;
import dev.ltv.state.StateRepair;
import dev.ltv.state.StateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The exactly-once property: whatever the delivery (duplicates, replays, bisections, reordering across
 * items, failures before, between and after writes), once the stream drains every customer's state equals
 * a full recomputation from the purchases table, and so do the company totals, the ranking indexes, the sums
 * of every year, quarter and month (revenue, purchases, unique customers), every acquisition channel's sums and
 * every acquisition cohort's figures (customers, revenue, revenue and active customers by month since acquisition).
 *
 * <p>Segments too: with a model and its boundaries saved first, every customer's stored segments equal an assignment
 * of its recomputed state, the per-segment totals their sums, and the published events (by event id) the moves.
 *
 * <p>Seeds: {@code -Dchaos.seeds=N} (default 4) starting at {@code -Dchaos.firstSeed} (default 1);
 * size: {@code -Dchaos.operations} (default 1500) over {@code -Dchaos.customers} (default 150).
 */
class ExactlyOnceChaosIT {

    @Test
    void everyCustomerEqualsAFullRecomputationAfterChaoticDelivery() {
        long first = Long.getLong("chaos.firstSeed", 1);
        int seeds = Integer.getInteger("chaos.seeds", 4);
        int operations = Integer.getInteger("chaos.operations", 1500);
        int customers = Integer.getInteger("chaos.customers", 150);
        for (long seed = first; seed < first + seeds; seed++) {
            try {
                runSeed(seed, operations, customers);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("chaos seed " + seed + " failed (rerun with -Dchaos.firstSeed=" + seed
                        + " -Dchaos.seeds=1): " + e.getMessage(), e);
            }
        }
    }

    private void runSeed(long seed, int operations, int customers) {
        Random random = new Random(seed);
        TestEnvironment env = TestEnvironment.create("chaos-" + seed);
        LocalDynamoDb dynamo = env.dynamo();
        FaultInjectingDynamoDb[] injector = new FaultInjectingDynamoDb[1];
        double faults = Double.parseDouble(System.getProperty("chaos.faultRate", "0.03"));
        var faulty = FaultInjectingDynamoDb.wrap(dynamo.client(), random, faults, faults, faults * 2 / 3, injector);
        List<String> diverted = new ArrayList<>();
        SegmentRecomputation segments = new SegmentRecomputation(env); // a model with segment boundaries, saved first
        RecalculateLtvHandler handler = new RecalculateLtvHandler(env.config(), faulty,
                (record, reason) -> diverted.add(record.getEventID()), segments.sink);
        PurchaseHistoryGenerator history = new PurchaseHistoryGenerator(dynamo.client(), env.config().purchasesTable(), random, customers);
        StreamReader stream = new StreamReader(dynamo.streams(), env.streamArn());
        ChaoticStreamDelivery delivery = new ChaoticStreamDelivery(handler, random);

        Set<String> poisonEvents = new HashSet<>();
        int records = 0;
        // several rounds, so later rounds correct and delete what earlier rounds already applied
        for (int round = 0; round < 3; round++) {
            history.run(operations / 3);
            List<DynamodbStreamRecord> batch = new ArrayList<>();
            for (var record : stream.readNew()) {
                DynamodbStreamRecord converted = StreamEvents.toLambdaRecord(record, stream.streamArn(), LocalDynamoDb.REGION);
                if (converted.getDynamodb().getKeys().get("customerId").getS().startsWith("poison-")) {
                    poisonEvents.add(converted.getEventID());
                }
                batch.add(converted);
            }
            records += batch.size();
            delivery.deliver(batch);
        }
        delivery.replayOldBatches(5);

        StateStore store = new StateStore(dynamo.client(), env.config().ltvTable(), CapacityMeter.OFF);
        StateRepair repair = new StateRepair(dynamo.client(), env.config().purchasesTable(), store, Clock.systemUTC());
        CompanyTotals expectedCompany = CompanyTotals.EMPTY;
        AggregateRecomputation expectedAggregates = new AggregateRecomputation();
        int withState = 0;
        RankingIndexCheck rankings = new RankingIndexCheck(dynamo.client(), env.config().ltvTable(),
                new RankingAttributes(env.config().ltvParameters(), env.config().baseCurrency()));
        for (String customer : history.customerIds()) {
            FullState expected = repair.recompute(customer);
            rankings.customer(customer, expected.state());
            expectedAggregates.add(expected);
            CustomerState stored = store.readState(customer, true).orElse(null);
            if (expected.state() == null) {
                assertEquals(null, stored, customer + " should have no state");
            } else {
                withState++;
                assertTrue(stored != null && stored.sameFiguresAs(expected.state()),
                        customer + ": stored " + stored + " but a full recomputation gives " + expected.state());
                expectedCompany = expectedCompany.plus(expected.state().companyContribution());
            }
            assertSameDays(customer, List.copyOf(expected.days().values()), store.readAllDays(customer));
            segments.check(customer, expected.state(), stored);
        }
        rankings.indexes(); // the ranking indexes hold exactly the recomputed customers' entries
        segments.checkTotalsAndEvents();
        CompanyTotals company = store.readCompanyTotals();
        assertEquals(expectedCompany.customers(), company.customers(), "company customers");
        assertEquals(expectedCompany.purchases(), company.purchases(), "company purchases");
        assertEquals(0, expectedCompany.revenue().compareTo(company.revenue()), "company revenue " + company.revenue()
                + " vs " + expectedCompany.revenue());
        assertEquals(0, expectedCompany.frequencySum().compareTo(company.frequencySum()), "company frequency sum");
        int periodsChecked = expectedAggregates.assertStoredIn(store, 2023, 2026);
        assertTrue(periodsChecked >= 2 + 8 + 20, "the history spans two years: " + periodsChecked + " periods with purchases");
        assertTrue(expectedAggregates.channels.size() >= 3, "several acquisition channels: " + expectedAggregates.channels.keySet());
        assertTrue(expectedAggregates.cohorts.size() >= 12, "cohorts over two years: " + expectedAggregates.cohorts.size());
        assertEquals(poisonEvents, new HashSet<>(diverted), "exactly the malformed records are diverted");
        for (String poisoned : history.poisonCustomerIds()) {
            assertTrue(store.readState(poisoned, true).isEmpty(), "a malformed record changes no state");
        }
        System.out.printf("chaos seed %d: %d records, %d customers with state, %d invocations, %d reported failures, "
                        + "%d crashed invocations, %d injected faults, %d diverted%n", seed, records, withState, delivery.invocations,
                delivery.reportedFailures, delivery.crashes, injector[0].injected, diverted.size());
        assertTrue(faults == 0 || injector[0].injected > 0 && delivery.reportedFailures > 0 && delivery.crashes > 0,
                "the run must actually have been chaotic");
    }

    private static void assertSameDays(String customer, List<DayTotal> expected, List<DayTotal> stored) {
        if (expected.size() != stored.size()) {
            fail(customer + ": " + expected.size() + " day items expected, " + stored.size() + " stored");
        }
        for (int i = 0; i < expected.size(); i++) {
            DayTotal e = expected.get(i);
            DayTotal s = stored.get(i);
            if (!e.day().equals(s.day()) || e.purchases() != s.purchases() || e.spend().compareTo(s.spend()) != 0
                    || !e.channels().equals(s.channels())) {
                fail(customer + ": day " + e + " expected, " + s + " stored");
            }
        }
    }
}
