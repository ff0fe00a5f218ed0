package dev.ltv.snapstart;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Registers a function's priming with the runtime's checkpoint hooks (org.crac). Under SnapStart, Lambda runs
 * {@code beforeCheckpoint} once, when it publishes a version, before it snapshots the initialised JVM: whatever
 * the priming loads and compiles is then in every restored container. A plain cold start (no SnapStart) never
 * calls it, so it costs nothing there.
 *
 * <p>The CRaC context holds its resources weakly: the handler keeps the returned resource in a field.
 */
public final class Priming implements Resource {

    private final String function;
    private final Runnable prime;

    private Priming(String function, Runnable prime) {
        this.function = function;
        this.prime = prime;
    }

    public static Resource register(String function, Runnable prime) {
        Priming priming = new Priming(function, prime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        try {
            prime.run();
            System.out.printf("{\"level\":\"INFO\",\"message\":\"%s primed in %d ms\"}%n", function,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // a failed priming costs only latency after restore: never fail the snapshot (and the deployment) for it
            System.out.printf("{\"level\":\"WARN\",\"message\":\"%s priming failed: %s\"}%n", function,
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: priming keeps no connection, credential, clock reading or random state
    }
}
