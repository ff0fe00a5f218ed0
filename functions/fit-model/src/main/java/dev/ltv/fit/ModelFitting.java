package dev.ltv.fit;

import dev.ltv.config.LtvConfig;
import dev.ltv.fit.segment.BoundaryPass;
import dev.ltv.model.FitAttempt;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.FitOutcome;
import dev.ltv.predict.InsufficientData;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.state.StateStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** One fit: every customer's summary at the calibration end, both models, and the new version saved (or the refusal recorded). */
final class ModelFitting {

    private final StateStore states;
    private final ModelStore models;
    private final Clock clock;

    private final LtvConfig config;

    ModelFitting(StateStore states, ModelStore models, Clock clock, LtvConfig config) {
        this.config = config;
        this.states = states;
        this.models = models;
        this.clock = clock;
    }

    sealed interface Result permits Fitted, Refused {
        CalibrationSummary.Result data();

        long durationMillis();
    }

    record Fitted(StoredModel model, CalibrationSummary.Result data, long durationMillis) implements Result {
    }

    /** The data were insufficient: {@code previous} is the model that stays the latest, if any. */
    record Refused(FitAttempt attempt, Optional<StoredModel> previous, CalibrationSummary.Result data,
                   long durationMillis) implements Result {
    }

    Result fit(FitRequest request) {
        long start = System.nanoTime();
        BoundaryPass boundaries = new BoundaryPass(new SegmentAssigner(config), request.asOf());
        CalibrationSummary.Result data = CalibrationSummary.read(states, request.asOf(), request.unit(), boundaries::add);
        FitOutcome outcome = ClvModel.fit(data.summary());
        Instant now = clock.instant();
        return switch (outcome) {
            case ClvModel model -> {
                SegmentBoundaries segmentBoundaries = boundaries.finish(model, data.summary(),
                        config.clvSettings(config.ltvParameters().grossMargin())).orElse(null);
                StoredModel saved = models.save(model, data.repeatCustomers(), now, segmentBoundaries);
                yield new Fitted(saved, data, millisSince(start));
            }
            case InsufficientData refused -> {
                FitAttempt attempt = FitAttempt.refused(refused.reason(), now, request.asOf(), request.unit(),
                        data.summary().size());
                models.recordRefusal(attempt);
                yield new Refused(attempt, models.latest(), data, millisSince(start));
            }
        };
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
