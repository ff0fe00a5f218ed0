package dev.ltv.fit;

import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import dev.ltv.state.DayTotal;
import dev.ltv.state.StateStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The holdout data of a fit: every customer of the calibration period (first purchase on or before
 * {@code calibrationEnd}) with their summary at the calibration end and what they did in the holdout
 * ({@code calibrationEnd}, {@code asOf}].
 *
 * <p>Built from the all-data summary the scan produced, so no state is read again. A customer whose last
 * purchase day is on or before the calibration end bought nothing in the holdout: their calibration summary
 * is the same one, younger (O(1), no read). Only a customer who bought in the holdout is read: one query of
 * their day items in the holdout (at most its length in days) and one for their last purchase day on or
 * before the calibration end (usually a one-item page). The reads run {@value #CONCURRENT_READS} at a time.
 */
final class HoldoutReads {

    static final int CONCURRENT_READS = 8;

    private HoldoutReads() {
    }

    /**
     * @param holdout     the holdout data (null when there is none: see {@code reason})
     * @param reason      why no holdout could be scored (null when there is one)
     * @param read        customers whose days were read (they bought in the holdout)
     * @param unusable    customers left out because their day items changed while they were read
     */
    record Result(HoldoutData holdout, String reason, int read, int unusable) {
    }

    private record Row(int x, double recency, double age, double meanSpend, int holdoutPurchases, double holdoutSpend) {
    }

    static Result read(StateStore store, RfmSummary all, LocalDate calibrationEnd) {
        LocalDate asOf = all.asOf();
        TimeUnit unit = all.unit();
        if (!calibrationEnd.isBefore(asOf)) {
            return new Result(null, "the holdout is empty", 0, 0);
        }
        List<Row> rows = new ArrayList<>();
        List<Map.Entry<String, Rfm>> toRead = new ArrayList<>();
        for (Map.Entry<String, Rfm> e : all.customers().entrySet()) {
            Rfm rfm = e.getValue();
            LocalDate first = asOf.minusDays(unit.toWholeDays(rfm.age()));
            if (first.isAfter(calibrationEnd)) {
                continue; // acquired in the holdout: the models forecast known customers
            }
            LocalDate last = first.plusDays(unit.toWholeDays(rfm.recency()));
            if (last.isAfter(calibrationEnd)) {
                toRead.add(e);
            } else {
                rows.add(new Row(rfm.frequency(), rfm.recency(), unit.fromDays(ChronoUnit.DAYS.between(first, calibrationEnd)),
                        rfm.monetaryValue().doubleValue(), 0, 0));
            }
        }
        int unusable = 0;
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_READS);
        try {
            List<Future<Optional<Row>>> reads = new ArrayList<>();
            for (Map.Entry<String, Rfm> e : toRead) {
                reads.add(pool.submit(() -> rewind(store, e.getKey(), e.getValue(), calibrationEnd, asOf, unit)));
            }
            for (Future<Optional<Row>> read : reads) {
                Optional<Row> row = read.get();
                if (row.isPresent()) {
                    rows.add(row.get());
                } else {
                    unusable++;
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the holdout", e);
        } finally {
            pool.shutdownNow();
        }
        if (rows.isEmpty()) {
            return new Result(null, "no customer had bought by the calibration end " + calibrationEnd, toRead.size(),
                    unusable);
        }
        int n = rows.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        int[] holdout = new int[n];
        double[] spend = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            x[i] = r.x();
            tx[i] = r.recency();
            t[i] = r.age();
            m[i] = r.meanSpend();
            holdout[i] = r.holdoutPurchases();
            spend[i] = r.holdoutSpend();
        }
        return new Result(new HoldoutData(x, tx, t, m, holdout, spend,
                unit.fromDays(ChronoUnit.DAYS.between(calibrationEnd, asOf)), unit), null, toRead.size(), unusable);
    }

    /**
     * The calibration summary and holdout of a customer who bought in the holdout; empty when the day items no
     * longer agree with the scanned state (purchases changed in between).
     */
    private static Optional<Row> rewind(StateStore store, String customerId, Rfm rfm, LocalDate calibrationEnd,
                                        LocalDate asOf, TimeUnit unit) {
        LocalDate first = asOf.minusDays(unit.toWholeDays(rfm.age()));
        int holdoutDays = 0;
        BigDecimal holdoutSpend = BigDecimal.ZERO;
        for (DayTotal day : store.readDays(customerId, calibrationEnd.plusDays(1), asOf)) {
            holdoutSpend = holdoutSpend.add(day.spend());
            if (day.isPurchaseDay()) {
                holdoutDays++;
            }
        }
        Optional<DayTotal> lastBefore = store.dayIndex(customerId).lastPurchaseDayBefore(calibrationEnd.plusDays(1), Set.of());
        int x = rfm.frequency() - holdoutDays;
        if (x < 0 || lastBefore.isEmpty() || lastBefore.get().day().isBefore(first)
                || (x == 0) != lastBefore.get().day().equals(first)) {
            return Optional.empty();
        }
        // the repeat revenue up to the calibration end: all of it (mean × count) less the holdout's
        double repeatRevenue = rfm.monetaryValue().doubleValue() * rfm.frequency() - holdoutSpend.doubleValue();
        double meanSpend = x == 0 ? 0 : Math.max(0, repeatRevenue / x);
        return Optional.of(new Row(x, unit.fromDays(ChronoUnit.DAYS.between(first, lastBefore.get().day())),
                unit.fromDays(ChronoUnit.DAYS.between(first, calibrationEnd)), meanSpend, holdoutDays,
                holdoutSpend.doubleValue()));
    }
}
