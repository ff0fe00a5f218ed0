package dev.ltv.fit;

import dev.ltv.fit.segment.BoundarySketches;
import dev.ltv.model.ChannelPredictions;
import dev.ltv.model.CompanyForecast;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaModel;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.PurchaseModel;
import dev.ltv.predict.Rfm;
import dev.ltv.state.AcquisitionChannel;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the daily pass's second scan computes from one scan segment under the model the pass just fitted, in a form
 * that merges: the predicted CLV sketch (the CLV tiers' boundaries), the company forecast's sums ({@link ForecastSum}'s
 * figures) and the predicted CLV per acquisition channel (six decimals per customer), each over every customer of the
 * calibration period, not the fit's sample. Bounded by the sketch and the number of channels.
 */
final class PredictPartial {

    /** Distinct histories remembered per worker: enough for most bases, bounded for any. */
    private static final int MEMO_LIMIT = 200_000;

    private record History(int x, double recency, double age) {
    }

    private final BoundarySketches sketches;
    private final Map<String, ChannelPredictions.Sum> channels;
    long customers;
    double alive;
    double expected;
    double revenue;

    private PredictPartial(BoundarySketches sketches, Map<String, ChannelPredictions.Sum> channels) {
        this.sketches = sketches;
        this.channels = channels;
    }

    static PredictPartial empty() {
        return new PredictPartial(new BoundarySketches(), new TreeMap<>());
    }

    static PredictPartial scan(StateStore store, PassPlan plan, int segment, StoredModel draft, ClvSettings settings,
                               int horizonMonths) {
        PredictPartial partial = empty();
        LocalDate asOf = plan.asOf();
        PurchaseModel purchases = draft.purchaseModel();
        GammaGammaModel spend = draft.model().spend().model();
        double horizon = horizonMonths * plan.unit().perMonth();
        Map<History, double[]> memo = new HashMap<>();
        List<CustomerState> later = new ArrayList<>();
        store.scanSegment(segment, plan.segments(), state -> {
            if (!state.hasPurchases() || state.firstDay().isAfter(asOf)) {
                return;
            }
            if (state.lastDay().isAfter(asOf)) {
                later.add(state);
                return;
            }
            Rfm rfm;
            try {
                rfm = Rfm.fromState(state.purchaseDays(), state.firstDay(), state.lastDay(), state.revenue(),
                        state.firstDaySpend(), asOf, plan.unit());
            } catch (IllegalArgumentException e) {
                return; // unusable, as in the first scan
            }
            partial.add(state, rfm, draft, settings, purchases, spend, horizon, memo);
        });
        for (CustomerState state : later) {
            Rfm rfm;
            try {
                rfm = CalibrationSummary.rewind(store.readAllDays(state.customerId()), asOf, plan.unit());
            } catch (IllegalArgumentException e) {
                continue;
            }
            partial.add(state, rfm, draft, settings, purchases, spend, horizon, memo);
        }
        return partial;
    }

    private void add(CustomerState state, Rfm rfm, StoredModel draft, ClvSettings settings, PurchaseModel purchases,
                     GammaGammaModel spend, double horizon, Map<History, double[]> memo) {
        Double clv = clv(draft, rfm, settings);
        if (clv != null) {
            sketches.addPredictedClv(clv);
            String channel = state.acquisitionChannel() == null ? AcquisitionChannel.UNKNOWN : state.acquisitionChannel();
            // six decimals each: a sum of exact binary fractions would outgrow DynamoDB's 38 digits
            channels.merge(channel, new ChannelPredictions.Sum(1, BigDecimal.valueOf(clv).setScale(6, RoundingMode.HALF_EVEN)),
                    ChannelPredictions.Sum::plus);
        }
        History h = new History(rfm.frequency(), rfm.recency(), rfm.age());
        double[] figures = memo.get(h);
        if (figures == null) {
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            figures = new double[] {purchases.expectedPurchases(horizon, h.x(), h.recency(), h.age()),
                    purchases.probabilityAlive(h.x(), h.recency(), h.age())};
            memo.put(h, figures);
        }
        double p = figures[0];
        double a = figures[1];
        double r = p * spend.conditionalExpectedAverageSpend(rfm.frequency(), rfm.monetaryValue().doubleValue());
        // a history outside the model's numeric range has no prediction (as in the LTV response): left out
        if (Double.isFinite(p) && Double.isFinite(a) && Double.isFinite(r)) {
            alive += a;
            expected += p;
            revenue += r;
            customers++;
        }
    }

    private static Double clv(StoredModel model, Rfm rfm, ClvSettings settings) {
        try {
            return model.predict(rfm, settings) instanceof Prediction p && Double.isFinite(p.clv()) ? p.clv() : null;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null; // a history the model cannot describe has no predicted CLV, as in the recalculation
        }
    }

    void merge(PredictPartial other) {
        sketches.merge(other.sketches);
        other.channels.forEach((channel, sum) -> channels.merge(channel, sum, ChannelPredictions.Sum::plus));
        customers += other.customers;
        alive += other.alive;
        expected += other.expected;
        revenue += other.revenue;
    }

    BoundarySketches sketches() {
        return sketches;
    }

    CompanyForecast forecast(LocalDate asOf, int horizonMonths) {
        return new CompanyForecast(asOf, horizonMonths, customers, alive, expected, revenue);
    }

    ChannelPredictions channels(long modelVersion, LocalDate asOf, int horizonMonths) {
        return new ChannelPredictions(modelVersion, asOf, horizonMonths, new TreeMap<>(channels));
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] sketchBytes = sketches.toBytes();
            out.writeInt(sketchBytes.length);
            out.write(sketchBytes);
            out.writeLong(customers);
            out.writeDouble(alive);
            out.writeDouble(expected);
            out.writeDouble(revenue);
            out.writeInt(channels.size());
            for (Map.Entry<String, ChannelPredictions.Sum> e : channels.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue().customers());
                out.writeUTF(e.getValue().clvSum().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PredictPartial fromBytes(byte[] serialized) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            byte[] sketchBytes = new byte[in.readInt()];
            in.readFully(sketchBytes);
            PredictPartial partial = new PredictPartial(BoundarySketches.fromBytes(sketchBytes), new TreeMap<>());
            partial.customers = in.readLong();
            partial.alive = in.readDouble();
            partial.expected = in.readDouble();
            partial.revenue = in.readDouble();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                partial.channels.put(in.readUTF(), new ChannelPredictions.Sum(in.readLong(), new BigDecimal(in.readUTF())));
            }
            return partial;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a serialized prediction partial", e);
        }
    }
}
