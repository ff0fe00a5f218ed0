package dev.ltv.predict;

/** Fitting a customer base gives a usable model or an explicit "insufficient data". */
public sealed interface FitOutcome permits ClvModel, InsufficientData {
}
