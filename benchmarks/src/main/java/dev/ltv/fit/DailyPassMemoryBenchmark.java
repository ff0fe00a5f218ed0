package dev.ltv.fit;

import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import dev.ltv.segment.CustomerFigures;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The daily pass's memory: what one scan worker holds and writes for its segment, and what the fit step holds when
 * it merges every worker's partial into the sample it fits on. Synthetic customers in memory (no DynamoDB), as
 * {@link ScanPartial} receives them; the sample's hash limit as the pass sets it from the previous base.
 *
 * <pre>java -Xmx6g -cp benchmarks/target/ltv-benchmarks.jar dev.ltv.fit.DailyPassMemoryBenchmark 10000000 10 1000000 [first]</pre>
 */
public final class DailyPassMemoryBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    private DailyPassMemoryBenchmark() {
    }

    public static void main(String[] args) {
        long base = Long.parseLong(args[0]);
        int workers = Integer.parseInt(args[1]);
        int sampleSize = Integer.parseInt(args[2]);
        // "first": no previous base to set the hash limit from (the first pass), so every worker keeps a whole sample
        boolean first = args.length > 3 && args[3].equals("first");
        double fraction = first ? 1 : DailyPass.SAMPLE_HEADROOM * sampleSize / base;
        PassPlan plan = new PassPlan("benchmark", AS_OF, TimeUnit.WEEKS, null, AS_OF.plusDays(1), workers, sampleSize,
                CustomerSample.hashLimit(fraction));
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> partials = new ArrayList<>();
        long largestWorkerHeap = 0;
        long largestPartial = 0;
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            long before = usedHeap();
            ScanPartial partial = ScanPartial.empty(plan);
            for (long c = w; c < base; c += workers) {
                int x = random.nextDouble() < 0.55 ? 0 : 1 + random.nextInt(12);
                double age = 1 + random.nextInt(156);
                double recency = x == 0 ? 0 : age * random.nextDouble();
                BigDecimal spend = x == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(10 + random.nextInt(9000), 2);
                partial.add("customer-" + c, new Rfm(x, recency, age, spend, TimeUnit.WEEKS), AS_OF, 365);
                double revenue = (x + 1) * 35.0;
                partial.sketches().add(new CustomerFigures((long) ((age - recency) * 7), x + 1,
                        BigDecimal.valueOf(revenue), BigDecimal.valueOf(revenue * 3), null, null));
            }
            largestWorkerHeap = Math.max(largestWorkerHeap, usedHeap() - before);
            byte[] bytes = partial.toBytes();
            largestPartial = Math.max(largestPartial, bytes.length);
            partials.add(bytes);
        }
        double scanSeconds = (System.nanoTime() - start) / 1e9;
        long totalPartials = partials.stream().mapToLong(b -> b.length).sum();

        long before = usedHeap();
        start = System.nanoTime();
        ScanPartial merged = ScanPartial.empty(plan);
        for (byte[] bytes : partials) {
            merged.merge(ScanPartial.fromBytes(bytes, TimeUnit.WEEKS));
        }
        RfmSummary sample = merged.sample().summary(AS_OF, TimeUnit.WEEKS);
        double mergeSeconds = (System.nanoTime() - start) / 1e9;
        partials.clear();
        // the partials were on the heap at the first reading and are gone now: count them back out of the baseline
        long mergeHeap = usedHeap() - (before - totalPartials);
        System.out.printf("base %,d customers, %d workers, sample %,d (hash limit keeps %.4f of the base)%n",
                base, workers, sampleSize, Math.min(1, fraction));
        System.out.printf("worker: %,d customers, heap held %.1f MB, partial %.2f MB (%d parts of ≤ 350 KB); all workers %.1f s%n",
                base / workers, largestWorkerHeap / 1e6, largestPartial / 1e6,
                (largestPartial + PassStore.PART_BYTES - 1) / PassStore.PART_BYTES, scanSeconds);
        System.out.printf("partials of all workers: %.1f MB; merge: %.1f s, heap held (merged partial and the sample's summary) %.1f MB,"
                + " sample %,d customers, %,d in the base%n", totalPartials / 1e6, mergeSeconds, mergeHeap / 1e6,
                sample.size(), merged.customers);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
