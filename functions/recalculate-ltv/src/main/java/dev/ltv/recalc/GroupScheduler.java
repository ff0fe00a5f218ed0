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
 * the order of their first record (one task per customer, or per pack of customers sharing a transaction, so a
 * customer's own records keep their order).
 *
 * <p>Two groups (packs) writing to one company shard never run at the same time: their transactions
 * would both update that shard's items and one would be cancelled for the conflict. Waiting for the other costs
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
        List<CustomerPack> alone = groups.stream()
                .map(group -> new CustomerPack(List.of(group), Keys.companyShardOf(group.customerId()))).toList();
        return runPacks(alone, pack -> List.of(apply.apply(pack.groups().getFirst())), nearDeadline);
    }

    /**
     * As {@link #run}, a pack of consecutive groups at a time: two packs of one company shard never run at once, and
     * once a pack has a group to retry, no later pack starts.
     *
     * @param apply applies one pack and says how each of its groups went; never throws
     * @return one result per group, in the order of the packs and their groups
     */
    List<GroupResult> runPacks(List<CustomerPack> packs, Function<CustomerPack, List<GroupResult>> apply,
                               BooleanSupplier nearDeadline) {
        List<List<GroupResult>> results = new ArrayList<>(java.util.Collections.nCopies(packs.size(), null));
        CompletionService<Integer> done = new ExecutorCompletionService<>(workers);
        LinkedList<Integer> waiting = new LinkedList<>();
        for (int i = 0; i < packs.size(); i++) {
            waiting.add(i);
        }
        Set<Integer> busyShards = new HashSet<>();
        int inFlight = 0;
        int firstRetry = Integer.MAX_VALUE;
        boolean crashed = false;
        while (!waiting.isEmpty() || inFlight > 0) {
            for (Iterator<Integer> next = waiting.iterator(); next.hasNext() && inFlight < concurrency; ) {
                int index = next.next();
                CustomerPack pack = packs.get(index);
                if (crashed) {
                    next.remove();
                    results.set(index, notStarted(pack, "the invocation failed"));
                } else if (index > firstRetry) {
                    next.remove();
                    results.set(index, notStarted(pack, "an earlier customer needs a retry"));
                } else if (nearDeadline.getAsBoolean()) {
                    next.remove();
                    results.set(index, notStarted(pack, "close to the function's timeout"));
                } else if (busyShards.add(pack.shard())) {
                    next.remove();
                    inFlight++;
                    done.submit(() -> {
                        results.set(index, apply.apply(pack));
                        return index;
                    });
                }
            }
            if (inFlight == 0) {
                continue; // every waiting pack was just given its results
            }
            int finished = take(done);
            inFlight--;
            busyShards.remove(packs.get(finished).shard());
            for (GroupResult result : results.get(finished)) {
                if (result instanceof GroupResult.Retry) {
                    firstRetry = Math.min(firstRetry, finished);
                } else if (result instanceof GroupResult.Crashed) {
                    crashed = true;
                }
            }
        }
        List<GroupResult> flat = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            if (results.get(i).size() != packs.get(i).groups().size()) {
                throw new IllegalStateException("a pack's task gave " + results.get(i).size() + " results for "
                        + packs.get(i).groups().size() + " groups");
            }
            flat.addAll(results.get(i));
        }
        return flat;
    }

    private static List<GroupResult> notStarted(CustomerPack pack, String why) {
        return java.util.Collections.nCopies(pack.groups().size(), new GroupResult.NotStarted(why));
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
