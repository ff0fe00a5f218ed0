package dev.ltv.model;

import dev.ltv.predict.HoldoutScorecard;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.PurchaseFit;

import java.util.Objects;

/**
 * One purchase model a fit tried: its fit on all data (or why it was refused) and its holdout scorecard (or
 * why it could not be scored: refused on the calibration period, or no holdout to score on).
 *
 * @param fit              the fit on all data up to the model's as-of day, with its log-parameter covariance
 * @param refusal          why it could not be fitted on all data (null when {@code fit} is present)
 * @param scorecard        how its calibration-period fit forecast the holdout (null when not scored)
 * @param scorecardRefusal why it was not scored (null when {@code scorecard} is present)
 */
public record ModelCandidate(ModelKind kind, PurchaseFit fit, String refusal, HoldoutScorecard scorecard,
                             String scorecardRefusal) {

    public ModelCandidate {
        Objects.requireNonNull(kind, "kind");
        if ((fit == null) == (refusal == null)) {
            throw new IllegalArgumentException(kind.label() + ": a candidate has a fit or a refusal, not both");
        }
        if ((scorecard == null) == (scorecardRefusal == null)) {
            throw new IllegalArgumentException(kind.label() + ": a candidate has a scorecard or its refusal, not both");
        }
        if (fit != null && fit.kind() != kind) {
            throw new IllegalArgumentException("a " + fit.kind().label() + " fit is no " + kind.label() + " candidate");
        }
    }

    public boolean fitted() {
        return fit != null;
    }
}
