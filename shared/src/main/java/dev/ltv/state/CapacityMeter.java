package dev.ltv.state;

import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counts DynamoDB requests and the capacity they consumed. Off in production (no ReturnConsumedCapacity
 * overhead); the capacity benchmark turns it on to show the cost per purchase.
 */
public final class CapacityMeter {

    public static final CapacityMeter OFF = new CapacityMeter(false);

    private final boolean enabled;
    private final AtomicLong requests = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final AtomicLong itemsWritten = new AtomicLong();

    private CapacityMeter(boolean enabled) {
        this.enabled = enabled;
    }

    public static CapacityMeter counting() {
        return new CapacityMeter(true);
    }

    ReturnConsumedCapacity mode() {
        return enabled ? ReturnConsumedCapacity.TOTAL : ReturnConsumedCapacity.NONE;
    }

    void read(ConsumedCapacity capacity) {
        count(capacity == null ? null : java.util.List.of(capacity), readUnits);
    }

    void read(Collection<ConsumedCapacity> capacities) {
        count(capacities, readUnits);
    }

    void write(Collection<ConsumedCapacity> capacities) {
        count(capacities, writeUnits);
    }

    /**
     * Items a committed transaction wrote. DynamoDB Local reports the same capacity for any transaction, while AWS
     * bills each item (two write units per KB), so the benchmark counts the items.
     */
    void written(int items) {
        if (enabled) {
            itemsWritten.addAndGet(items);
        }
    }

    public long itemsWritten() {
        return itemsWritten.get();
    }

    private void count(Collection<ConsumedCapacity> capacities, DoubleAdder units) {
        if (!enabled) {
            return;
        }
        requests.incrementAndGet();
        if (capacities != null) {
            for (ConsumedCapacity capacity : capacities) {
                if (capacity.capacityUnits() != null) {
                    units.add(capacity.capacityUnits());
                }
            }
        }
    }

    public long requests() {
        return requests.get();
    }

    public double readUnits() {
        return readUnits.sum();
    }

    public double writeUnits() {
        return writeUnits.sum();
    }

    public void reset() {
        requests.set(0);
        readUnits.reset();
        writeUnits.reset();
        itemsWritten.set(0);
    }
}
