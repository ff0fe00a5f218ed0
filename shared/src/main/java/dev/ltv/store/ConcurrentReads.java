package dev.ltv.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent reads at once, one virtual thread each, and hands back their results in the order given. A
 * route that reads the 64 company shards or the ranking shards one after the other waits 64 round trips; at once,
 * about one.
 */
public final class ConcurrentReads {

    private ConcurrentReads() {
    }

    /**
     * @param what what is being read, for the message when the calling thread is interrupted
     * @return each read's result, in the order of {@code reads}; the first read that failed rethrows its runtime
     * exception as it was (e.g. throttling, which the handlers turn into a 503)
     */
    public static <T> List<T> all(List<? extends Callable<T>> reads, String what) {
        if (reads.size() == 1) {
            return List.of(call(reads.getFirst()));
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> pending = new ArrayList<>(reads.size());
            for (Callable<T> read : reads) {
                pending.add(threads.submit(read));
            }
            List<T> results = new ArrayList<>(reads.size());
            for (Future<T> future : pending) {
                results.add(join(future, what));
            }
            return results;
        }
    }

    private static <T> T call(Callable<T> read) {
        try {
            return read.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T join(Future<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        }
    }
}
