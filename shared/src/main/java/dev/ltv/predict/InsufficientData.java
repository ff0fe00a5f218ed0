package dev.ltv.predict;

/**
 * The data (of a customer or of the whole base) are too few for the models to say anything; {@code reason}
 * says what is missing. Returned instead of a number that would be invented.
 */
public record InsufficientData(String reason) implements PredictionResult, FitOutcome {
}
