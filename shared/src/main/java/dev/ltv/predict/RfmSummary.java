package dev.ltv.predict;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * RFM summaries of a customer base at one as-of day (calibration end, inclusive), in one time unit.
 *
 * <p>Customers keep the order of their first appearance in the transaction log. Customers whose first
 * purchase is after the as-of day are not part of the calibration period and are left out.
 */
public final class RfmSummary {

    private final LocalDate asOf;
    private final TimeUnit unit;
    private final Map<String, Rfm> customers;

    public RfmSummary(LocalDate asOf, TimeUnit unit, Map<String, Rfm> customers) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.customers = Collections.unmodifiableMap(new LinkedHashMap<>(customers));
        for (Rfm rfm : this.customers.values()) {
            if (rfm.unit() != unit) {
                throw new IllegalArgumentException("all summaries must be in " + unit.label());
            }
        }
    }

    /**
     * Summarises a transaction log: same-day purchases merge (amounts summed exactly), purchases after
     * {@code asOf} are ignored.
     */
    public static RfmSummary fromTransactions(Iterable<Transaction> transactions, LocalDate asOf, TimeUnit unit) {
        Map<String, TreeMap<LocalDate, BigDecimal>> days = new LinkedHashMap<>();
        for (Transaction t : transactions) {
            if (t.day().isAfter(asOf)) {
                continue;
            }
            days.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.day(), t.amount(), BigDecimal::add);
        }
        Map<String, Rfm> summaries = new LinkedHashMap<>(days.size() * 2);
        for (Map.Entry<String, TreeMap<LocalDate, BigDecimal>> e : days.entrySet()) {
            TreeMap<LocalDate, BigDecimal> spendByDay = e.getValue();
            BigDecimal revenue = BigDecimal.ZERO;
            for (BigDecimal amount : spendByDay.values()) {
                revenue = revenue.add(amount);
            }
            summaries.put(e.getKey(), Rfm.fromState(spendByDay.size(), spendByDay.firstKey(), spendByDay.lastKey(),
                    revenue, spendByDay.firstEntry().getValue(), asOf, unit));
        }
        return new RfmSummary(asOf, unit, summaries);
    }

    public LocalDate asOf() {
        return asOf;
    }

    public TimeUnit unit() {
        return unit;
    }

    /** Customer id → summary, in first-appearance order; unmodifiable. */
    public Map<String, Rfm> customers() {
        return customers;
    }

    public int size() {
        return customers.size();
    }

    /** The (x, t_x, T) columns for BG/NBD, identical rows grouped. */
    public BgNbdData toBgNbdData() {
        int n = customers.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        int i = 0;
        for (Rfm rfm : customers.values()) {
            x[i] = rfm.frequency();
            tx[i] = rfm.recency();
            t[i] = rfm.age();
            i++;
        }
        return BgNbdData.of(x, tx, t);
    }

    /** The (x, m̄) columns for Gamma-Gamma: only customers with repeat purchases and positive spend. */
    public GammaGammaData toGammaGammaData() {
        int n = 0;
        for (Rfm rfm : customers.values()) {
            if (rfm.frequency() > 0 && rfm.monetaryValue().signum() > 0) {
                n++;
            }
        }
        int[] x = new int[n];
        double[] m = new double[n];
        int i = 0;
        for (Rfm rfm : customers.values()) {
            if (rfm.frequency() > 0 && rfm.monetaryValue().signum() > 0) {
                x[i] = rfm.frequency();
                m[i] = rfm.monetaryValue().doubleValue();
                i++;
            }
        }
        return GammaGammaData.of(x, m);
    }
}
