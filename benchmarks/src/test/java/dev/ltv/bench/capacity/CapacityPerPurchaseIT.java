package dev.ltv.bench.capacity;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capacity is counted, not timed: the same operation must cost the same whatever the customer's history. */
class CapacityPerPurchaseIT {

    @Test
    void costPerPurchaseDoesNotGrowWithTheHistory() {
        List<CapacityBenchmark.Row> rows = new CapacityBenchmark(LocalDynamoDb.shared()).run(List.of(1, 100, 10_000));
        System.out.println(CapacityBenchmark.table(rows));
        int operations = rows.size() / 3;
        for (int i = 0; i < 2 * operations; i++) {
            CapacityBenchmark.Row small = rows.get(i % operations);
            CapacityBenchmark.Row large = rows.get(i + operations);
            if (small.operation().equals(CapacityBenchmark.COHORT_MOVE)) {
                // O(the customer's active months): the reads grow with the years of history, the requests do not
                assertEquals(small.requestsPerRecord(), large.requestsPerRecord(), 1e-9, "requests: " + small.operation());
                assertTrue(large.readUnitsPerRecord() >= small.readUnitsPerRecord(), "reads: " + small.operation());
                continue;
            }
            assertEquals(small.operation(), large.operation());
            assertEquals(small.requestsPerRecord(), large.requestsPerRecord(), 1e-9, "requests: " + small.operation());
            assertEquals(small.readUnitsPerRecord(), large.readUnitsPerRecord(), 1e-9, "reads: " + small.operation());
            assertEquals(small.writeUnitsPerRecord(), large.writeUnitsPerRecord(), 1e-9, "writes: " + small.operation());
            assertEquals(small.itemsWrittenPerRecord(), large.itemsWrittenPerRecord(), 1e-9, "items written: " + small.operation());
            assertEquals(small.indexWritesPerRecord(), large.indexWritesPerRecord(), 1e-9, "ranking index writes: " + small.operation());
        }
        CapacityBenchmark.Row insert = rows.get(0);
        assertTrue(insert.requestsPerRecord() >= 3, "state read, day read, transaction");
        assertTrue(insert.writeUnitsPerRecord() > 0 && insert.readUnitsPerRecord() > 0);
        // marker, state, day, company totals, the customer's year, the company's period sums of that year, the
        // customer's channel sums, its cohort and its segment-totals shard
        assertEquals(9, insert.itemsWrittenPerRecord(), 1e-9, "items written by a new purchase");
        CapacityBenchmark.Row move = rows.get(operations - 1);
        assertEquals(CapacityBenchmark.COHORT_MOVE, move.operation());
        // state and days+years read, every year item queried, one transaction
        assertEquals(4, move.requestsPerRecord(), 1e-9, "a cohort move adds one Query");
        // a purchase moves the customer in all three rankings: each index deletes the old entry and puts the new one
        assertEquals(6.0, insert.indexWritesPerRecord(), 1e-9, "ranking index writes of a purchase");
        assertEquals(0.0, rows.get(5).indexWritesPerRecord(), 1e-9, "a redelivered record writes no index");
        CapacityBenchmark.Row burst = rows.get(4);
        assertTrue(burst.requestsPerRecord() < insert.requestsPerRecord(), "coalescing spreads the reads over the batch");
    }

    @Test
    void aBatchOfDistinctCustomersSharesTheCompanyItems() {
        CapacityBenchmark benchmark = new CapacityBenchmark(LocalDynamoDb.shared());
        CapacityBenchmark.Row batch = benchmark.distinctCustomersBatch(100);
        System.out.println(CapacityBenchmark.table(List.of(batch)));
        // each customer still writes its marker, state, day and year item; the company items (totals, the period sums,
        // the channel, the cohort block, the segment totals: 5 of a lone purchase's 9) are written once per transaction
        // of about a dozen customers
        assertTrue(batch.itemsWrittenPerRecord() > 4 && batch.itemsWrittenPerRecord() < 4.6,
                "items written per purchase in a batch: " + batch.itemsWrittenPerRecord());
        // two batch reads and a transaction per pack, shared by the batch
        assertTrue(batch.requestsPerRecord() < 0.2, "requests per purchase in a batch: " + batch.requestsPerRecord());
        assertTrue(batch.readUnitsPerRecord() > 0 && batch.writeUnitsPerRecord() > 0);
    }
}
