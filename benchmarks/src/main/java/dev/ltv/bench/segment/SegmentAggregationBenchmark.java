package dev.ltv.bench.segment;

import dev.ltv.fit.segment.BoundarySketches;
import dev.ltv.segment.CustomerFigures;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.Segments;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The aggregation of the daily pass at scale, in memory: N synthetic customers split over W scan-segment workers,
 * each sketching its share (as one invocation of the pass would), the serialized sketches merged into the base's
 * boundaries, and every customer assigned its segments. Then, to judge the sketches, the exact quantiles from
 * sorting every value (what the sketches avoid), and the true rank of each cut.
 *
 * <pre>java -cp benchmarks/target/ltv-benchmarks.jar dev.ltv.bench.segment.SegmentAggregationBenchmark [customers] [workers]</pre>
 */
public final class SegmentAggregationBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    private SegmentAggregationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 10_000_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "segment aggregation: %,d customers, %d workers on %d threads%n", customers, workers, threads);

        long start = System.nanoTime();
        List<byte[]> partials = new ArrayList<>();
        long largestPartial = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> sketchSegment(worker, workers, customers)));
            }
            for (Future<byte[]> future : futures) {
                byte[] partial = future.get();
                largestPartial = Math.max(largestPartial, partial.length);
                partials.add(partial);
            }
        }
        long sketched = System.nanoTime();
        BoundarySketches merged = new BoundarySketches();
        for (byte[] partial : partials) {
            merged.merge(BoundarySketches.fromBytes(partial));
        }
        SegmentBoundaries boundaries = merged.boundaries(AS_OF).orElseThrow();
        long mergedAt = System.nanoTime();

        // assignment: the reassignment step of the pass, with the boundaries just computed
        long[] perSegment = new long[64];
        for (int w = 0; w < workers; w++) {
            SplittableRandom random = new SplittableRandom(seed(w));
            for (int i = w; i < customers; i += workers) {
                Segments s = Segments.assign(customer(random), boundaries);
                perSegment[s.rfm().ordinal()]++;
            }
        }
        long assigned = System.nanoTime();

        System.out.printf(Locale.ROOT, "sketch (parallel)   %8.2f s  %,.0f customers/s%n", secs(start, sketched),
                customers / secs(start, sketched));
        System.out.printf(Locale.ROOT, "merge %d sketches    %8.3f s%n", workers, secs(sketched, mergedAt));
        System.out.printf(Locale.ROOT, "assign segments     %8.2f s  %,.0f customers/s (one thread)%n",
                secs(mergedAt, assigned), customers / secs(mergedAt, assigned));
        System.out.printf(Locale.ROOT, "largest worker sketch %,d bytes; merged %,d bytes%n", largestPartial, merged.serializedSize());

        // exact check: every value in memory, sorted
        Runtime rt = Runtime.getRuntime();
        long exactStart = System.nanoTime();
        double[][] exact = exactValues(customers, workers);
        for (double[] column : exact) {
            Arrays.sort(column);
        }
        long exactEnd = System.nanoTime();
        System.out.printf(Locale.ROOT, "exact (sort %d × %,d doubles, %,d MB) %6.2f s%n", exact.length, customers,
                (long) exact.length * customers * 8 / 1_000_000, secs(exactStart, exactEnd));
        report("recency days", boundaries.recencyDays().values(), SegmentBoundaries.QUINTILES, exact[0]);
        report("purchases", boundaries.purchases().values(), SegmentBoundaries.QUINTILES, exact[1]);
        report("revenue", boundaries.revenue().values(), SegmentBoundaries.QUINTILES, exact[2]);
        report("classic LTV", boundaries.ltv().values(), SegmentBoundaries.TIER_QUANTILES, exact[3]);
        report("predicted CLV", boundaries.predictedClv().values(), SegmentBoundaries.TIER_QUANTILES, exact[4]);
        System.out.printf(Locale.ROOT, "heap in use at the end %,d MB (the exact arrays; the sketches need %,d KB)%n",
                (rt.totalMemory() - rt.freeMemory()) / 1_000_000, merged.serializedSize() / 1000);
    }

    private static byte[] sketchSegment(int worker, int workers, int customers) {
        BoundarySketches sketches = new BoundarySketches();
        SplittableRandom random = new SplittableRandom(seed(worker));
        for (int i = worker; i < customers; i += workers) {
            sketches.add(customer(random));
        }
        return sketches.toBytes();
    }

    private static double[][] exactValues(int customers, int workers) {
        double[][] columns = new double[5][customers];
        int row = 0;
        for (int w = 0; w < workers; w++) {
            SplittableRandom random = new SplittableRandom(seed(w));
            for (int i = w; i < customers; i += workers) {
                CustomerFigures c = customer(random);
                columns[0][row] = c.daysSinceLastPurchase();
                columns[1][row] = c.purchases();
                columns[2][row] = c.revenue().doubleValue();
                columns[3][row] = c.ltv().doubleValue();
                columns[4][row] = c.predictedClv();
                row++;
            }
        }
        return columns;
    }

    /** A shop-like base: mostly one-time buyers, log-normal spend, recencies spread over three years. */
    private static CustomerFigures customer(SplittableRandom random) {
        long purchases = random.nextDouble() < 0.55 ? 1 : 2 + (long) (-Math.log(1 - random.nextDouble()) * 3);
        double orderValue = Math.exp(3.5 + 0.8 * random.nextGaussian());
        double revenue = Math.round(orderValue * purchases * 100) / 100.0;
        long recency = (long) (random.nextDouble() * random.nextDouble() * 1100);
        double ltv = Math.round(revenue * (purchases > 1 ? 1.6 : 0.9) * 100) / 100.0 - 25;
        double alive = 1 / (1 + Math.exp((recency - 300) / 120.0));
        double clv = Math.round(orderValue * alive * purchases * 0.8 * 100) / 100.0;
        return new CustomerFigures(recency, purchases, BigDecimal.valueOf(revenue), BigDecimal.valueOf(ltv), clv, alive);
    }

    private static long seed(int worker) {
        return 0x5E6_0000L + worker;
    }

    private static void report(String figure, double[] cuts, double[] ranks, double[] sorted) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s", figure));
        double worst = 0;
        for (int i = 0; i < cuts.length; i++) {
            double trueRank = rankAtOrBelow(sorted, cuts[i]);
            double exactCut = sorted[(int) Math.min(sorted.length - 1, Math.ceil(ranks[i] * sorted.length) - 1)];
            line.append(String.format(Locale.ROOT, "  q%.2f: %.2f (exact %.2f, rank %.4f)", ranks[i], cuts[i], exactCut, trueRank));
            // on a tie (integers) a cut's rank jumps: compare with the exact cut's value instead
            if (cuts[i] != exactCut) {
                worst = Math.max(worst, Math.abs(trueRank - ranks[i]));
            }
        }
        System.out.println(line.append(String.format(Locale.ROOT, "  worst rank error %.4f", worst)));
    }

    private static double rankAtOrBelow(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low / (double) sorted.length;
    }

    private static double secs(long from, long to) {
        return (to - from) / 1e9;
    }
}
