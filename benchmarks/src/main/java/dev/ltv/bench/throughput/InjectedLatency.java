package dev.ltv.bench.throughput;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Models the network between a function and DynamoDB on AWS against a loopback DynamoDB Local: every request
 * waits a fixed round-trip time before it is sent (on the calling thread, as a real round trip holds it), and
 * is counted by operation, which is the profile of where a benchmark's time goes.
 */
final class InjectedLatency implements ExecutionInterceptor {

    private volatile long sleepNanos;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

    InjectedLatency(Duration roundTrip) {
        set(roundTrip);
    }

    void set(Duration roundTrip) {
        this.sleepNanos = roundTrip.toNanos();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        requests.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), name -> new LongAdder()).increment();
        long sleep = sleepNanos;
        if (sleep > 0) {
            try {
                Thread.sleep(Duration.ofNanos(sleep));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Requests per operation since the last call, and starts counting afresh. */
    Map<String, Long> drain() {
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((operation, count) -> counts.put(operation, count.sumThenReset()));
        counts.values().removeIf(count -> count == 0);
        return counts;
    }
}
