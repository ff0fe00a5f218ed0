package dev.ltv.model;

import dev.ltv.predict.TimeUnit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The outcome of the most recent fit, kept for operators: a refused fit leaves the latest model in place,
 * and this is where they see that, and why, it was refused.
 *
 * @param outcome   FITTED or INSUFFICIENT_DATA
 * @param version   the version saved (FITTED only, else 0)
 * @param reason    why the data were refused (INSUFFICIENT_DATA only, else null)
 * @param customers customers in the calibration period
 */
public record FitAttempt(Outcome outcome, Instant at, LocalDate asOf, TimeUnit unit, long customers, long version,
                         String reason) {

    public enum Outcome { FITTED, INSUFFICIENT_DATA }

    public FitAttempt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(unit, "unit");
        if ((outcome == Outcome.INSUFFICIENT_DATA) != (reason != null)) {
            throw new IllegalArgumentException("a refusal, and only a refusal, has a reason");
        }
    }

    public static FitAttempt fitted(StoredModel model) {
        return new FitAttempt(Outcome.FITTED, model.fittedAt(), model.asOf(), model.unit(), model.customers(),
                model.version(), null);
    }

    public static FitAttempt refused(String reason, Instant at, LocalDate asOf, TimeUnit unit, long customers) {
        return new FitAttempt(Outcome.INSUFFICIENT_DATA, at, asOf, unit, customers, 0, reason);
    }
}
