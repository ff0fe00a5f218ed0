package dev.ltv.fit;

import dev.ltv.config.LtvConfig;
import dev.ltv.fit.segment.BoundarySketches;
import dev.ltv.fit.segment.SegmentReassignment;
import dev.ltv.model.FitAttempt;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.FitOutcome;
import dev.ltv.predict.InsufficientData;
import dev.ltv.predict.ModelFitException;
import dev.ltv.predict.RfmSummary;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.state.StateStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daily pass, step by step. Each step is what one invocation of the state machine does, reads what earlier steps
 * left in the table ({@link PassStore}) and can be run again with the same outcome:
 *
 * <ol>
 *   <li>{@link #begin}: fixes the {@link PassPlan};</li>
 *   <li>{@link #scan}, per scan segment: the boundary sketches, the fit's sample and the exact sums ({@link ScanPartial});</li>
 *   <li>{@link #fit}: merges them and fits the models on the sample (with the holdout and the candidates): a draft;</li>
 *   <li>{@link #predict}, per scan segment: every customer under the draft ({@link PredictPartial});</li>
 *   <li>{@link #save}: the version, with its boundaries, forecast and the predicted CLV per channel;</li>
 *   <li>{@link #reassign}, per scan segment: segments and prediction snapshots ({@link SegmentReassignment});</li>
 *   <li>{@link #finish}: what the pass did.</li>
 * </ol>
 *
 * A phase-less invocation ({@code POST /model/fit}, the local stack) runs the same steps in one process
 * ({@link InProcessPass}).
 */
final class DailyPass {

    /** The previous base may have grown by this much before the sample's hash limit leaves it short. */
    static final double SAMPLE_HEADROOM = 1.1;

    /** The fit step's outcome with what it looked at. */
    record FitStep(CalibrationSummary.Result data, PassStore.Draft draft) {
    }

    /** The save step's outcome: the new version, or the refusal and the version that stays in use. */
    sealed interface Saved permits SavedVersion, SavedRefusal {
    }

    record SavedVersion(StoredModel model) implements Saved {
    }

    record SavedRefusal(FitAttempt attempt, Optional<StoredModel> previous) implements Saved {
    }

    private final StateStore states;
    private final ModelStore models;
    private final PassStore store;
    private final SegmentAssigner assigner;
    private final SegmentReassignment reassignment;
    private final DynamoDbClient dynamo;
    private final LtvConfig config;
    private final FitSettings fitSettings;
    private final PassSettings passSettings;
    private final Clock clock;

    DailyPass(StateStore states, ModelStore models, PassStore store, SegmentAssigner assigner,
              SegmentReassignment reassignment, DynamoDbClient dynamo, LtvConfig config, FitSettings fitSettings,
              PassSettings passSettings, Clock clock) {
        this.states = states;
        this.models = models;
        this.store = store;
        this.assigner = assigner;
        this.reassignment = reassignment;
        this.dynamo = dynamo;
        this.config = config;
        this.fitSettings = fitSettings;
        this.passSettings = passSettings;
        this.clock = clock;
    }

    PassSettings settings() {
        return passSettings;
    }

    LocalDate today() {
        return clock.instant().atZone(config.businessZone()).toLocalDate();
    }

    /**
     * The plan. The sample's hash limit keeps about {@value #SAMPLE_HEADROOM} × the sample size of the base the
     * previous boundaries counted, so that each worker's partial holds its share of the sample, not a sample of its
     * own; without a previous base every customer is offered and the merge keeps the sample size.
     */
    PassPlan begin(String passId, FitRequest request, int segments) {
        Optional<Long> previousBase = models.latest().flatMap(StoredModel::boundaries).map(SegmentBoundaries::customers)
                .filter(n -> n > 0);
        double fraction = previousBase.map(n -> SAMPLE_HEADROOM * passSettings.sampleSize() / n).orElse(1.0);
        return new PassPlan(passId, request.asOf(), request.unit(), request.holdoutWeeks(), today(), segments,
                passSettings.sampleSize(), CustomerSample.hashLimit(fraction));
    }

    void scan(PassPlan plan, int segment) {
        requireSegment(plan, segment);
        ScanPartial partial = ScanPartial.scan(states, assigner, plan, segment, fitSettings.lapseDays());
        store.putPartial(plan.passId(), PassStore.Kind.SCAN, segment, partial.toBytes());
    }

    FitStep fit(PassPlan plan) {
        ScanPartial merged = ScanPartial.empty(plan);
        for (int segment = 0; segment < plan.segments(); segment++) {
            merged.merge(ScanPartial.fromBytes(store.requirePartial(plan.passId(), PassStore.Kind.SCAN, segment), plan.unit()));
        }
        // the save step needs only the merged sketches: a few hundred KB instead of every worker's sample again
        store.putPartial(plan.passId(), PassStore.Kind.SKETCHES, 0, merged.sketches().toBytes());
        RfmSummary sample = merged.sample().summary(plan.asOf(), plan.unit());
        long repeat = sample.customers().values().stream().filter(rfm -> rfm.frequency() > 0).count();
        CalibrationSummary.Result data = new CalibrationSummary.Result(sample, repeat, Math.toIntExact(merged.rewound),
                Math.toIntExact(merged.notYetCustomers), Math.toIntExact(merged.unusable));
        FitOutcome outcome = ClvModel.fit(sample);
        if (outcome instanceof ClvModel model) {
            try {
                FitPassComputation.Outcome pass = FitPassComputation.run(states, sample, model, plan.request(),
                        fitSettings, merged.earliestFirstDay(plan.asOf()));
                StoredModel draft = StoredModel.of(1, clock.instant(), model, repeat,
                        new StoredModel.FitPass(pass.choice(), merged.lifespan(fitSettings.lapseDays()), null));
                store.putDraft(plan.passId(), draft);
                return new FitStep(data, new PassStore.Fitted(draft));
            } catch (ModelFitException configuredRefused) {
                outcome = new InsufficientData(configuredRefused.getMessage());
            }
        }
        String reason = ((InsufficientData) outcome).reason();
        store.putRefusal(plan.passId(), reason, sample.size());
        return new FitStep(data, new PassStore.Refused(reason, sample.size()));
    }

    void predict(PassPlan plan, int segment) {
        requireSegment(plan, segment);
        PredictPartial partial = store.draft(plan.passId()) instanceof PassStore.Fitted fitted
                ? PredictPartial.scan(states, plan, segment, fitted.model(), clvSettings(), config.clvHorizonMonths())
                : PredictPartial.empty();
        store.putPartial(plan.passId(), PassStore.Kind.PREDICT, segment, partial.toBytes());
    }

    Saved save(PassPlan plan) {
        Optional<Long> saved = store.savedVersion(plan.passId());
        PassStore.Draft draft = store.draft(plan.passId());
        if (draft instanceof PassStore.Refused refused) {
            FitAttempt attempt = FitAttempt.refused(refused.reason(), clock.instant(), plan.asOf(), plan.unit(),
                    refused.customers());
            if (saved.isEmpty()) {
                models.recordRefusal(attempt);
                store.putRefusedMarker(plan.passId());
            }
            return new SavedRefusal(attempt, models.latest());
        }
        if (saved.isPresent()) {
            return new SavedVersion(models.version(saved.get()).orElseThrow());
        }
        StoredModel model = ((PassStore.Fitted) draft).model();
        PredictPartial predicted = PredictPartial.empty();
        for (int segment = 0; segment < plan.segments(); segment++) {
            predicted.merge(PredictPartial.fromBytes(store.requirePartial(plan.passId(), PassStore.Kind.PREDICT, segment)));
        }
        BoundarySketches sketches = BoundarySketches.fromBytes(store.requirePartial(plan.passId(), PassStore.Kind.SKETCHES, 0));
        sketches.merge(predicted.sketches());
        StoredModel.FitPass pass = new StoredModel.FitPass(model.choice(), model.lifespan(),
                predicted.forecast(plan.asOf(), config.clvHorizonMonths()));
        StoredModel version;
        try {
            version = models.save(model.model(), model.repeatCustomers(), model.fittedAt(), pass,
                    sketches.boundaries(plan.asOf()).orElse(null), v -> List.of(store.savedMarker(plan.passId(), v)));
        } catch (ModelStore.ModelStoreException e) {
            // the same step running twice at once: the other one saved it (its marker is there), or it is a real failure
            return new SavedVersion(store.savedVersion(plan.passId()).flatMap(models::version).orElseThrow(() -> e));
        }
        try {
            predicted.channels(version.version(), plan.asOf(), config.clvHorizonMonths()).save(dynamo, config.ltvTable());
        } catch (RuntimeException e) {
            // the model is saved and in use: the channels keep the previous fit's sums, which name their version
            System.err.println("ERROR the predicted CLV per channel of model version " + version.version()
                    + " was not stored: " + e);
        }
        return new SavedVersion(version);
    }

    SegmentReassignment.Result reassign(PassPlan plan, int segment) {
        requireSegment(plan, segment);
        long version = store.savedVersion(plan.passId()).orElseThrow(() -> new IllegalStateException(
                "pass " + plan.passId() + " has not saved its fit yet"));
        StoredModel model = version > 0 ? models.version(version).orElseThrow() : models.latest().orElse(null);
        SegmentReassignment.Result result = reassignment.runSegment(model, plan.today(), segment, plan.segments());
        store.putPartial(plan.passId(), PassStore.Kind.REASSIGN, segment, toBytes(result));
        return result;
    }

    SegmentReassignment.Result finish(PassPlan plan) {
        SegmentReassignment.Result total = SegmentReassignment.Result.NONE;
        for (int segment = 0; segment < plan.segments(); segment++) {
            total = total.plus(fromBytes(store.requirePartial(plan.passId(), PassStore.Kind.REASSIGN, segment)));
        }
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("version", store.savedVersion(plan.passId()).orElse(0L));
        summary.put("scanned", total.scanned());
        summary.put("moved", total.moved());
        summary.put("refreshed", total.refreshed());
        summary.put("unchanged", total.unchanged());
        summary.put("leftToTheRecalculation", total.skippedConcurrent());
        summary.put("events", total.events());
        summary.put("outboxRepublished", total.outboxRepublished());
        summary.put("failed", total.failed());
        store.putSummary(plan.passId(), summary);
        return total;
    }

    /** The version the pass saved; 0 when its fit was refused or it has not saved yet. */
    long savedVersion(PassPlan plan) {
        return store.savedVersion(plan.passId()).orElse(0L);
    }

    private dev.ltv.predict.ClvSettings clvSettings() {
        return config.clvSettings(config.ltvParameters().grossMargin());
    }

    private static void requireSegment(PassPlan plan, int segment) {
        if (segment < 0 || segment >= plan.segments()) {
            throw new IllegalArgumentException("segment must be 0.." + (plan.segments() - 1) + ", was " + segment);
        }
    }

    private static byte[] toBytes(SegmentReassignment.Result r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (long n : new long[] {r.scanned(), r.moved(), r.unchanged(), r.skippedConcurrent(), r.events(),
                    r.outboxRepublished(), r.failed(), r.refreshed()}) {
                out.writeLong(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static SegmentReassignment.Result fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            return new SegmentReassignment.Result(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a reassignment's counts", e);
        }
    }
}
