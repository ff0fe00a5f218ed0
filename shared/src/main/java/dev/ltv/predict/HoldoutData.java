package dev.ltv.predict;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer base split at a calibration end: each customer's calibration summary (x, t_x, T, mean repeat
 * spend m̄) and what the customer then did in the holdout of length {@code span}: the number of purchase days
 * and the spend. Only customers whose first purchase falls in the calibration period are part of it (the models
 * forecast known customers). Times in {@code unit}.
 */
public record HoldoutData(int[] frequency, double[] recency, double[] age, double[] meanSpend,
                          int[] holdoutPurchases, double[] holdoutSpend, double span, TimeUnit unit) {

    public HoldoutData {
        int n = frequency.length;
        if (recency.length != n || age.length != n || meanSpend.length != n || holdoutPurchases.length != n
                || holdoutSpend.length != n) {
            throw new IllegalArgumentException("holdout columns must have the same length");
        }
        if (!(span > 0 && Double.isFinite(span))) {
            throw new IllegalArgumentException("holdout span must be positive, was " + span);
        }
    }

    public int size() {
        return frequency.length;
    }

    /** The calibration-period columns for the purchase models. */
    public BgNbdData calibration() {
        return BgNbdData.of(frequency, recency, age);
    }

    /** The calibration-period spend columns for Gamma-Gamma (repeat customers with positive spend). */
    public GammaGammaData calibrationSpend() {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < frequency.length; i++) {
            if (frequency[i] > 0 && meanSpend[i] > 0) {
                rows.add(i);
            }
        }
        int[] x = new int[rows.size()];
        double[] m = new double[rows.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = frequency[rows.get(j)];
            m[j] = meanSpend[rows.get(j)];
        }
        return GammaGammaData.of(x, m);
    }

    public long totalHoldoutPurchases() {
        return Arrays.stream(holdoutPurchases).asLongStream().sum();
    }

    /**
     * Splits a transaction log: the calibration period ends on {@code calibrationEnd} (inclusive), the holdout
     * runs from the next day to {@code holdoutEnd} (inclusive). Same-day purchases count as one, as in
     * {@link RfmSummary}.
     */
    public static HoldoutData fromTransactions(Iterable<Transaction> transactions, LocalDate calibrationEnd,
                                               LocalDate holdoutEnd, TimeUnit unit) {
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("the holdout must end after the calibration end, was "
                    + calibrationEnd + " .. " + holdoutEnd);
        }
        Map<String, TreeMap<LocalDate, BigDecimal>> days = new LinkedHashMap<>();
        for (Transaction t : transactions) {
            if (!t.day().isAfter(holdoutEnd)) {
                days.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.day(), t.amount(), BigDecimal::add);
            }
        }
        RfmSummary calibration = RfmSummary.fromTransactions(transactions, calibrationEnd, unit);
        int n = calibration.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        int[] holdout = new int[n];
        double[] spend = new double[n];
        int i = 0;
        for (Map.Entry<String, Rfm> e : calibration.customers().entrySet()) {
            Rfm rfm = e.getValue();
            x[i] = rfm.frequency();
            tx[i] = rfm.recency();
            t[i] = rfm.age();
            m[i] = rfm.monetaryValue().doubleValue();
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal amount : days.get(e.getKey()).tailMap(calibrationEnd, false).values()) {
                holdout[i]++;
                total = total.add(amount);
            }
            spend[i] = total.doubleValue();
            i++;
        }
        return new HoldoutData(x, tx, t, m, holdout, spend,
                unit.fromDays(ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd)), unit);
    }

    /**
     * The default holdout: the last quarter of the observed span (first purchase day to as-of), at most
     * {@code maxDays}, at least one day; the calibration ends that many days before {@code asOf}.
     */
    public static LocalDate defaultCalibrationEnd(LocalDate firstDay, LocalDate asOf, long maxDays) {
        long observed = ChronoUnit.DAYS.between(firstDay, asOf);
        long holdout = Math.max(1, Math.min(maxDays, observed / 4));
        return asOf.minusDays(holdout);
    }
}
