package dev.ltv.predict;

/** What the models say about one customer: a prediction, or an explicit refusal when data are insufficient. */
public sealed interface PredictionResult permits Prediction, InsufficientData {
}
