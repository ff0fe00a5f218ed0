package dev.ltv.model;

import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedModelSourceTest {

    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2024-03-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static StoredModel model(long version) {
        return new StoredModel(version, Instant.parse("2024-03-01T00:00:00Z"), LocalDate.of(2024, 2, 29), 100, 40, 40,
                new BgNbdParameters(0.25, 4.4, 0.8, 2.4, TimeUnit.WEEKS), -10, new GammaGammaParameters(6, 4, 15), -5);
    }

    @Test
    void readsTheSourceOncePerTtl() {
        AtomicInteger reads = new AtomicInteger();
        ManualClock clock = new ManualClock();
        CachedModelSource cache = new CachedModelSource(() -> Optional.of(model(reads.incrementAndGet())),
                Duration.ofMinutes(5), clock);
        assertEquals(1, cache.latest().orElseThrow().version());
        clock.now = clock.now.plus(Duration.ofMinutes(4).plusSeconds(59));
        assertEquals(1, cache.latest().orElseThrow().version());
        assertEquals(1, reads.get());
        clock.now = clock.now.plusSeconds(1);
        assertEquals(2, cache.latest().orElseThrow().version());
        assertEquals(2, reads.get());
    }

    @Test
    void cachesTheAbsenceOfAModelToo() {
        AtomicInteger reads = new AtomicInteger();
        ManualClock clock = new ManualClock();
        CachedModelSource cache = new CachedModelSource(() -> {
            reads.incrementAndGet();
            return Optional.empty();
        }, Duration.ofMinutes(5), clock);
        assertEquals(Optional.empty(), cache.latest());
        assertEquals(Optional.empty(), cache.latest());
        assertEquals(1, reads.get());
        // but only briefly: a first fit shows within seconds, not after the full TTL
        clock.now = clock.now.plus(CachedModelSource.ABSENT_TTL);
        assertEquals(Optional.empty(), cache.latest());
        assertEquals(2, reads.get());
    }

    @Test
    void aStaleModelIsReadOnAnotherThreadAndTheCallerWaitsForThatRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Thread> readBy = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManualClock clock = new ManualClock();
        CachedModelSource cache = new CachedModelSource(() -> {
            readBy.set(Thread.currentThread());
            started.countDown();
            await(release);
            return Optional.of(model(reads.incrementAndGet()));
        }, Duration.ofMinutes(5), clock);

        cache.refreshConcurrently();
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS), "the read starts without the caller");
        assertNotEquals(Thread.currentThread(), readBy.get());
        release.countDown(); // the caller's own read (the state) is done: it now needs the model
        assertEquals(1, cache.latest().orElseThrow().version());
        assertEquals(1, reads.get(), "one read, not one per thread");

        cache.refreshConcurrently(); // fresh: nothing to read
        assertEquals(1, cache.latest().orElseThrow().version());
        assertEquals(1, reads.get());
    }

    @Test
    void aFailedConcurrentReadIsRetriedByTheCaller() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        CachedModelSource cache = new CachedModelSource(() -> {
            if (reads.incrementAndGet() == 1) {
                failed.countDown();
                throw new IllegalStateException("throttled");
            }
            return Optional.of(model(reads.get()));
        }, Duration.ofMinutes(5), new ManualClock());
        cache.refreshConcurrently();
        assertTrue(failed.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, cache.latest().orElseThrow().version());
        assertEquals(2, reads.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, java.util.concurrent.TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
