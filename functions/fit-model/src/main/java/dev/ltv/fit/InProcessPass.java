package dev.ltv.fit;

import dev.ltv.fit.segment.SegmentReassignment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * The daily pass in one process, for a phase-less invocation ({@code POST /model/fit}, the local stack): the state
 * machine's steps in its order, each segment's workers on a thread of their own. The same code as the state
 * machine's steps, and the same items in the table.
 */
final class InProcessPass {

    private final DailyPass pass;

    InProcessPass(DailyPass pass) {
        this.pass = pass;
    }

    /** Begin, scan, fit, predict, save. */
    ModelFitting.Result fit(FitRequest request) {
        long start = System.nanoTime();
        PassPlan plan = pass.begin("fit-" + UUID.randomUUID(), request, PassSettings.IN_PROCESS_SEGMENTS);
        eachSegment(plan, segment -> pass.scan(plan, segment));
        DailyPass.FitStep fitted = pass.fit(plan);
        eachSegment(plan, segment -> pass.predict(plan, segment));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return switch (pass.save(plan)) {
            case DailyPass.SavedVersion saved -> new ModelFitting.Fitted(saved.model(), fitted.data(), millis, plan);
            case DailyPass.SavedRefusal refused -> new ModelFitting.Refused(refused.attempt(), refused.previous(),
                    fitted.data(), millis, plan);
        };
    }

    /** Reassign and finish, after {@link #fit}. */
    SegmentReassignment.Result reassign(PassPlan plan) {
        eachSegment(plan, segment -> pass.reassign(plan, segment));
        return pass.finish(plan);
    }

    private static void eachSegment(PassPlan plan, IntConsumer work) {
        ExecutorService pool = Executors.newFixedThreadPool(plan.segments());
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int segment = 0; segment < plan.segments(); segment++) {
                int current = segment;
                workers.add(CompletableFuture.runAsync(() -> work.accept(current), pool));
            }
            try {
                CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                // a worker's own failure (e.g. throttling), so callers map it as they would a direct call
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } finally {
            pool.shutdown();
        }
    }
}
