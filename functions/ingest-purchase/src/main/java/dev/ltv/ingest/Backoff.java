package dev.ltv.ingest;

import java.util.concurrent.ThreadLocalRandom;

/** Short, jittered pauses between optimistic retries, so concurrent writers of one purchase drift apart. */
final class Backoff {

    private static final long BASE_MILLIS = 5;
    private static final long MAX_MILLIS = 200;

    private Backoff() {
    }

    static void pause(int attempt) {
        long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
