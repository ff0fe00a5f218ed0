package dev.ltv.fit;

import dev.ltv.model.FitAttempt;
import dev.ltv.model.StoredModel;

import java.util.Optional;

/** What one fit gave: the new version saved, or the refusal recorded, with what it looked at and its pass. */
final class ModelFitting {

    private ModelFitting() {
    }

    sealed interface Result permits Fitted, Refused {
        CalibrationSummary.Result data();

        long durationMillis();

        PassPlan plan();
    }

    record Fitted(StoredModel model, CalibrationSummary.Result data, long durationMillis, PassPlan plan) implements Result {
    }

    /** The data were insufficient: {@code previous} is the model that stays the latest, if any. */
    record Refused(FitAttempt attempt, Optional<StoredModel> previous, CalibrationSummary.Result data,
                   long durationMillis, PassPlan plan) implements Result {
    }
}
