package dev.ltv.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the latest model in the container for a while. A model changes once a day (the schedule) and each
 * query or stream batch would otherwise pay a read for it; after a refit, containers pick the new version up
 * within {@code ttl}. "No model yet" is cached too, so an empty table is not read on every request, but only
 * for {@link #ABSENT_TTL}: the first fit of a new deployment should show without a five-minute wait.
 */
public final class CachedModelSource implements ModelSource {

    /** How stale a container's model may be after a refit. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** How long "no model yet" is believed. */
    public static final Duration ABSENT_TTL = Duration.ofSeconds(5);

    private final ModelSource source;
    private final Duration ttl;
    private final Clock clock;
    private Optional<StoredModel> cached;
    private Instant readAt;

    public CachedModelSource(ModelSource source, Duration ttl, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, was " + ttl);
        }
    }

    public CachedModelSource(ModelSource source) {
        this(source, DEFAULT_TTL, Clock.systemUTC());
    }

    @Override
    public synchronized Optional<StoredModel> latest() {
        Instant now = clock.instant();
        if (isStale(now)) {
            cached = source.latest();
            readAt = now;
        }
        return cached;
    }

    /**
     * When the next {@link #latest()} would read the store, starts that read on a thread of its own, so that the
     * caller's own read (a customer's state) overlaps it instead of coming before it: a request that finds the
     * cache stale then waits for one round trip rather than two. {@code latest()} waits for this read (they
     * share the lock) instead of starting another; if it fails, {@code latest()} reads again and reports why.
     */
    public void refreshConcurrently() {
        synchronized (this) {
            if (!isStale(clock.instant())) {
                return;
            }
        }
        Thread reader = new Thread(this::refreshQuietly, "model-read");
        reader.setDaemon(true);
        reader.start();
    }

    private void refreshQuietly() {
        try {
            latest();
        } catch (RuntimeException e) {
            // the caller's latest() finds the cache still stale, reads again and handles the failure
        }
    }

    private boolean isStale(Instant now) {
        Duration valid = cached != null && cached.isEmpty() ? ttl.compareTo(ABSENT_TTL) < 0 ? ttl : ABSENT_TTL : ttl;
        return cached == null || !now.isBefore(readAt.plus(valid));
    }
}
