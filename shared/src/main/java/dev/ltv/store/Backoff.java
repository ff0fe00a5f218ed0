package dev.ltv.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter between retries of DynamoDB work (throttling, transaction conflicts,
 * optimistic-lock races), so that writers which collided once drift apart instead of colliding again in step.
 *
 * @param base the ceiling of the first pause; it doubles per attempt
 * @param cap  the largest ceiling
 */
public record Backoff(Duration base, Duration cap) {

    /** For work that holds no client waiting on a short timeout (stream batches, repairs, model saves). */
    public static final Backoff BACKGROUND = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(2));
    /** For work a client is waiting on: short pauses. */
    public static final Backoff INTERACTIVE = new Backoff(Duration.ofMillis(5), Duration.ofMillis(200));

    /** Sleeps a random time between 0 and the attempt's ceiling (attempt 0 is the first retry). */
    public void pause(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
