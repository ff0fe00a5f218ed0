package dev.ltv.recalc;

import dev.ltv.store.Keys;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Applies the customer groups of a batch concurrently, at most {@code concurrency} at a time, starting them in
 * the order of their first record (one task per customer, so a customer's own records keep their order).
 *
 * <p>Two groups whose customers share a company-totals shard never run at the same time: their transactions
 * would both update that shard's item and one would be cancelled for the conflict. Waiting for the other costs
 * less than a cancelled transaction and a backoff; conflicts with other invocations (other stream shards) are
 * still met by the recalculation's jittered retries.
 *
 * <p>Once a group fails for a passing reason, the groups after it are not started: Lambda redelivers them
 * anyway (the checkpoint is at or before that group's first record). Groups before it still are, so that the
 * checkpoint stays as late as it can. Near the deadline, nothing new starts; an Error in one group (the
 * invocation "dies") stops new starts too, and is rethrown by the caller once the running groups are done.
 */
final class GroupScheduler {

    private final ExecutorService workers;
    private final int concurrency;

    GroupScheduler(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.concurrency = concurrency;
        AtomicInteger count = new AtomicInteger();
        // threads start when first needed and stay for the container's next batches
        this.workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "recalculate-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    int concurrency() {
        return concurrency;
    }

    /**
     * @param apply        applies one group and says how it went; never throws
     * @param nearDeadline whether it is too late to start another group
     * @return one result per group, in the groups' order
     */
    List<GroupResult> run(List<CustomerGroup> groups, Function<CustomerGroup, GroupResult> apply, BooleanSupplier nearDeadline) {
        GroupResult[] results = new GroupResult[groups.size()];
        CompletionService<Integer> done = new ExecutorCompletionService<>(workers);
        LinkedList<Integer> waiting = new LinkedList<>();
        for (int i = 0; i < groups.size(); i++) {
            waiting.add(i);
        }
        Set<Integer> busyShards = new HashSet<>();
        int inFlight = 0;
        int firstRetry = Integer.MAX_VALUE;
        boolean crashed = false;
        while (!waiting.isEmpty() || inFlight > 0) {
            for (Iterator<Integer> next = waiting.iterator(); next.hasNext() && inFlight < concurrency; ) {
                int index = next.next();
                if (crashed) {
                    next.remove();
                    results[index] = new GroupResult.NotStarted("the invocation failed");
                } else if (index > firstRetry) {
                    next.remove();
                    results[index] = new GroupResult.NotStarted("an earlier customer needs a retry");
                } else if (nearDeadline.getAsBoolean()) {
                    next.remove();
                    results[index] = new GroupResult.NotStarted("close to the function's timeout");
                } else if (busyShards.add(shardOf(groups.get(index)))) {
                    next.remove();
                    inFlight++;
                    done.submit(() -> {
                        results[index] = apply.apply(groups.get(index));
                        return index;
                    });
                }
            }
            if (inFlight == 0) {
                continue; // every waiting group was just given its result
            }
            int finished = take(done);
            inFlight--;
            busyShards.remove(shardOf(groups.get(finished)));
            if (results[finished] instanceof GroupResult.Retry) {
                firstRetry = Math.min(firstRetry, finished);
            } else if (results[finished] instanceof GroupResult.Crashed) {
                crashed = true;
            }
        }
        return new ArrayList<>(List.of(results));
    }

    private static int shardOf(CustomerGroup group) {
        return Keys.companyShardOf(group.customerId());
    }

    private static int take(CompletionService<Integer> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying a batch", e);
        } catch (ExecutionException e) {
            // apply never throws; anything here is a defect of this class
            throw new IllegalStateException("a group's task failed", e.getCause());
        }
    }
}
