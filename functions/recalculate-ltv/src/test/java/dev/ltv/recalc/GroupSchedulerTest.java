package dev.ltv.recalc;

import dev.ltv.state.Recalculator;
import dev.ltv.store.Keys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupSchedulerTest {

    private static final GroupResult APPLIED = new GroupResult.Applied(new Recalculator.Outcome(1, 0, 0));

    @Test
    void runsGroupsConcurrentlyButNeverTwoOfOneCompanyShardAtOnce() {
        List<CustomerGroup> groups = new ArrayList<>();
        for (int i = 0; groups.size() < 60; i++) {
            groups.add(new CustomerGroup("c-" + i)); // 60 customers over 64 shards: some share one
        }
        Set<Integer> running = new HashSet<>();
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> clashes = new ArrayList<>();
        Function<CustomerGroup, GroupResult> apply = group -> {
            int shard = Keys.companyShardOf(group.customerId());
            synchronized (running) {
                if (!running.add(shard)) {
                    clashes.add(group.customerId());
                }
            }
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            sleep(5);
            atOnce.decrementAndGet();
            synchronized (running) {
                running.remove(shard);
            }
            return APPLIED;
        };

        List<GroupResult> results = new GroupScheduler(8).run(groups, apply, () -> false);

        assertEquals(60, results.size());
        results.forEach(result -> assertEquals(APPLIED, result));
        assertEquals(List.of(), clashes, "customers of one company shard ran at the same time");
        assertTrue(mostAtOnce.get() > 1 && mostAtOnce.get() <= 8, "at most 8 at once, and more than one: " + mostAtOnce.get());
    }

    @Test
    void afterAGroupNeedsARetryOnlyEarlierGroupsStart() {
        List<CustomerGroup> groups = distinctShardGroups(5);
        List<String> started = new ArrayList<>();
        Function<CustomerGroup, GroupResult> apply = group -> {
            synchronized (started) {
                started.add(group.customerId());
            }
            return group == groups.get(2) ? new GroupResult.Retry(new RuntimeException("throttled")) : APPLIED;
        };

        List<GroupResult> results = new GroupScheduler(1).run(groups, apply, () -> false);

        assertEquals(APPLIED, results.get(0));
        assertEquals(APPLIED, results.get(1));
        assertInstanceOf(GroupResult.Retry.class, results.get(2));
        assertInstanceOf(GroupResult.NotStarted.class, results.get(3));
        assertInstanceOf(GroupResult.NotStarted.class, results.get(4));
        assertEquals(List.of(groups.get(0).customerId(), groups.get(1).customerId(), groups.get(2).customerId()), started);
    }

    @Test
    void nothingStartsCloseToTheDeadline() {
        List<CustomerGroup> groups = distinctShardGroups(3);
        AtomicInteger calls = new AtomicInteger();

        List<GroupResult> results = new GroupScheduler(4).run(groups, group -> {
            calls.incrementAndGet();
            return APPLIED;
        }, () -> true);

        assertEquals(0, calls.get());
        results.forEach(result -> assertInstanceOf(GroupResult.NotStarted.class, result));
    }

    @Test
    void aCrashStopsNewStartsAndIsHandedBack() {
        List<CustomerGroup> groups = distinctShardGroups(4);
        Error crash = new Error("out of memory");

        List<GroupResult> results = new GroupScheduler(1).run(groups,
                group -> group == groups.get(1) ? new GroupResult.Crashed(crash) : APPLIED, () -> false);

        assertEquals(APPLIED, results.get(0));
        assertEquals(new GroupResult.Crashed(crash), results.get(1));
        assertInstanceOf(GroupResult.NotStarted.class, results.get(2));
        assertInstanceOf(GroupResult.NotStarted.class, results.get(3));
    }

    private static List<CustomerGroup> distinctShardGroups(int count) {
        List<CustomerGroup> groups = new ArrayList<>();
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; groups.size() < count; i++) {
            if (shards.add(Keys.companyShardOf("c-" + i))) {
                groups.add(new CustomerGroup("c-" + i));
            }
        }
        return groups;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
