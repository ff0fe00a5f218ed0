package dev.ltv.model;

import dev.ltv.predict.ModelKind;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which purchase model a version predicts with, why, and every candidate's fit and holdout score.
 *
 * @param kind               the model predictions use
 * @param selection          AUTO (the lowest holdout RMSE) or CONFIGURED ({@code CLV_MODEL})
 * @param calibrationEnd     last day of the calibration period the candidates were scored from (null when the
 *                           data allowed no holdout)
 * @param holdoutEnd         last day of the holdout (the model's as-of day; null with {@code calibrationEnd})
 * @param candidates         every model tried, in {@link ModelKind} order
 * @param spendLogCovariance asymptotic covariance of Gamma-Gamma's ln p, ln q, ln γ (null when the information
 *                           matrix is not positive definite: then intervals use the point spend)
 */
public record ModelChoice(ModelKind kind, Selection selection, LocalDate calibrationEnd, LocalDate holdoutEnd,
                          List<ModelCandidate> candidates, double[][] spendLogCovariance) {

    public enum Selection { AUTO, CONFIGURED }

    public ModelChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(selection, "selection");
        candidates = List.copyOf(candidates);
        if ((calibrationEnd == null) != (holdoutEnd == null)) {
            throw new IllegalArgumentException("a holdout has both ends or none");
        }
        if (candidates.stream().noneMatch(c -> c.kind() == kind && c.fitted())) {
            throw new IllegalArgumentException("the chosen model " + kind.label() + " must be a fitted candidate");
        }
        spendLogCovariance = spendLogCovariance == null ? null
                : Arrays.stream(spendLogCovariance).map(double[]::clone).toArray(double[][]::new);
    }

    /** The chosen candidate (always fitted). */
    public ModelCandidate chosen() {
        return candidates.stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }

    public java.util.Optional<ModelCandidate> candidate(ModelKind which) {
        return candidates.stream().filter(c -> c.kind() == which).findFirst();
    }
}
