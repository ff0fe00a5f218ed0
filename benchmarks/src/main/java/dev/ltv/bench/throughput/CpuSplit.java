package dev.ltv.bench.throughput;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time spent by two sets of this JVM's threads between {@link #start()} and {@link #stop()}: the function's
 * (the calling thread and its workers) and everyone else's (here: DynamoDB Local's server threads). A profile of
 * where a benchmark's time goes when DynamoDB Local runs in the same process.
 */
final class CpuSplit {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Predicate<String> function;
    private Map<Long, Long> before = Map.of();
    private Map<Long, String> names = Map.of();
    double functionMillis;
    double otherMillis;

    CpuSplit(Predicate<String> functionThreadName) {
        this.function = functionThreadName;
    }

    void start() {
        before = snapshot();
    }

    void stop() {
        Map<Long, Long> after = snapshot();
        functionMillis = 0;
        otherMillis = 0;
        after.forEach((id, nanos) -> {
            double millis = (nanos - before.getOrDefault(id, 0L)) / 1e6;
            if (function.test(names.get(id))) {
                functionMillis += millis;
            } else {
                otherMillis += millis;
            }
        });
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> threadNames = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long nanos = THREADS.getThreadCpuTime(thread.threadId());
            if (nanos >= 0) {
                cpu.put(thread.threadId(), nanos);
                threadNames.put(thread.threadId(), thread.getName());
            }
        }
        names = threadNames;
        return cpu;
    }
}
