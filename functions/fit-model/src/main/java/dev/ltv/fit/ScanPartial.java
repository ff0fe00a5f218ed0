package dev.ltv.fit;

import dev.ltv.fit.segment.BoundaryPass;
import dev.ltv.fit.segment.BoundarySketches;
import dev.ltv.model.MeasuredLifespan;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.TimeUnit;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daily pass's first scan learns from one scan segment, in a form that merges: the boundary sketches
 * (recency, purchases, revenue, classic LTV), the fit's sample, and exact sums over every customer of the segment
 * (the calibration period's customers, the lapsed customers and their spans for the measured lifespan, the earliest
 * first purchase for the default holdout). Its size is bounded by the sketches and the sample, whatever the
 * segment's size.
 */
final class ScanPartial {

    private final BoundarySketches sketches;
    private final CustomerSample sample;
    long customers;
    long notYetCustomers;
    long unusable;
    long rewound;
    long lapsed;
    long lapsedSpanDays;
    long earliestFirstDay = Long.MAX_VALUE;

    private ScanPartial(BoundarySketches sketches, CustomerSample sample) {
        this.sketches = sketches;
        this.sample = sample;
    }

    static ScanPartial empty(PassPlan plan) {
        return new ScanPartial(new BoundarySketches(), new CustomerSample(plan.sampleSize(), plan.sampleHashLimit()));
    }

    /**
     * Scans one segment. Customers who bought after the as-of day (with the default as-of day, today's buyers) are
     * rewound from their day items after the scan, as {@link CalibrationSummary} does.
     */
    static ScanPartial scan(StateStore store, SegmentAssigner assigner, PassPlan plan, int segment, int lapseDays) {
        ScanPartial partial = empty(plan);
        BoundaryPass boundaries = new BoundaryPass(assigner, plan.asOf(), partial.sketches);
        LocalDate asOf = plan.asOf();
        List<CustomerState> later = new ArrayList<>();
        store.scanSegment(segment, plan.segments(), state -> {
            if (!state.hasPurchases()) {
                return;
            }
            boundaries.add(state);
            if (state.firstDay().isAfter(asOf)) {
                partial.notYetCustomers++;
            } else if (state.lastDay().isAfter(asOf)) {
                later.add(state);
            } else {
                try {
                    partial.add(state.customerId(), Rfm.fromState(state.purchaseDays(), state.firstDay(),
                            state.lastDay(), state.revenue(), state.firstDaySpend(), asOf, plan.unit()), asOf, lapseDays);
                } catch (IllegalArgumentException e) {
                    partial.unusable++;
                }
            }
        });
        partial.rewound = later.size();
        for (CustomerState state : later) {
            try {
                partial.add(state.customerId(), CalibrationSummary.rewind(store.readAllDays(state.customerId()), asOf,
                        plan.unit()), asOf, lapseDays);
            } catch (IllegalArgumentException e) {
                partial.unusable++;
            }
        }
        return partial;
    }

    void add(String customerId, Rfm rfm, LocalDate asOf, int lapseDays) {
        customers++;
        TimeUnit unit = rfm.unit();
        earliestFirstDay = Math.min(earliestFirstDay, asOf.minusDays(unit.toWholeDays(rfm.age())).toEpochDay());
        // the measured lifespan's sums, as LifespanMeasure makes them, over every customer and not the sample
        if (unit.toWholeDays(rfm.age() - rfm.recency()) >= lapseDays) {
            lapsed++;
            lapsedSpanDays += unit.toWholeDays(rfm.recency());
        }
        sample.offer(customerId, rfm);
    }

    void merge(ScanPartial other) {
        sketches.merge(other.sketches);
        sample.merge(other.sample);
        customers += other.customers;
        notYetCustomers += other.notYetCustomers;
        unusable += other.unusable;
        rewound += other.rewound;
        lapsed += other.lapsed;
        lapsedSpanDays += other.lapsedSpanDays;
        earliestFirstDay = Math.min(earliestFirstDay, other.earliestFirstDay);
    }

    BoundarySketches sketches() {
        return sketches;
    }

    CustomerSample sample() {
        return sample;
    }

    MeasuredLifespan lifespan(int lapseDays) {
        return MeasuredLifespan.of(lapseDays, lapsed, lapsedSpanDays);
    }

    /** The first purchase day of the calibration period's earliest customer (the as-of day for an empty base). */
    LocalDate earliestFirstDay(LocalDate asOf) {
        return earliestFirstDay == Long.MAX_VALUE ? asOf : LocalDate.ofEpochDay(earliestFirstDay);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] sketchBytes = sketches.toBytes();
            out.writeInt(sketchBytes.length);
            out.write(sketchBytes);
            for (long n : new long[] {customers, notYetCustomers, unusable, rewound, lapsed, lapsedSpanDays, earliestFirstDay}) {
                out.writeLong(n);
            }
            sample.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ScanPartial fromBytes(byte[] serialized, TimeUnit unit) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            byte[] sketchBytes = new byte[in.readInt()];
            in.readFully(sketchBytes);
            BoundarySketches sketches = BoundarySketches.fromBytes(sketchBytes);
            long[] n = new long[7];
            for (int i = 0; i < n.length; i++) {
                n[i] = in.readLong();
            }
            ScanPartial partial = new ScanPartial(sketches, CustomerSample.read(in, unit));
            partial.customers = n[0];
            partial.notYetCustomers = n[1];
            partial.unusable = n[2];
            partial.rewound = n[3];
            partial.lapsed = n[4];
            partial.lapsedSpanDays = n[5];
            partial.earliestFirstDay = n[6];
            return partial;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a serialized scan partial", e);
        }
    }
}
