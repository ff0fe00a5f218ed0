package dev.ltv.fit;

import dev.ltv.config.LtvConfig;
import dev.ltv.fit.segment.BoundaryPass;
import dev.ltv.model.FitAttempt;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.FitOutcome;
import dev.ltv.predict.InsufficientData;
import dev.ltv.predict.ModelFitException;
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
    private final ChannelClv channels;

    private final FitSettings settings;
    private final int horizonMonths;
    private final LtvConfig config;

    ModelFitting(StateStore states, ModelStore models, Clock clock, FitSettings settings, int horizonMonths,
                 ChannelClv channels, LtvConfig config) {
        this.config = config;
        this.states = states;
        this.models = models;
        this.clock = clock;
        this.settings = settings;
        this.horizonMonths = horizonMonths;
        this.channels = channels;
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
        ChannelClv.Collector byChannel = channels.collector();
        BoundaryPass boundaries = new BoundaryPass(new SegmentAssigner(config), request.asOf());
        CalibrationSummary.Result data = CalibrationSummary.read(states, request.asOf(), request.unit(), state -> {
            byChannel.accept(state);
            if (state.hasPurchases()) {
                boundaries.add(state);
            }
        });
        FitOutcome outcome = ClvModel.fit(data.summary());
        FitPassComputation.Outcome pass = null;
        if (outcome instanceof ClvModel model) {
            try {
                pass = FitPassComputation.run(states, data.summary(), model, request, settings, horizonMonths);
            } catch (ModelFitException configuredRefused) {
                outcome = new InsufficientData(configuredRefused.getMessage());
            }
        }
        Instant now = clock.instant();
        return switch (outcome) {
            case ClvModel model -> {
                // the boundaries' predicted CLV tiers under the chosen purchase model, as every prediction of this version
                // (versions start at 1: the version this one is about to get stands in until it is saved)
                long next = models.latest().map(latest -> latest.version() + 1).orElse(1L);
                StoredModel unsaved = StoredModel.of(next, now, model, data.repeatCustomers(), pass.pass());
                SegmentBoundaries segmentBoundaries = boundaries.finish(unsaved, data.summary(),
                        config.clvSettings(config.ltvParameters().grossMargin())).orElse(null);
                StoredModel saved = models.save(model, data.repeatCustomers(), now, pass.pass(), segmentBoundaries);
                byChannel.save(saved, data.summary());
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
