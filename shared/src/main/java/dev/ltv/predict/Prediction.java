package dev.ltv.predict;

/**
 * A customer's prediction over a horizon.
 *
 * @param horizonMonths     the horizon, in months
 * @param horizon           the same horizon in the model's time unit
 * @param unit              that unit
 * @param expectedPurchases BG/NBD expected number of purchases within the horizon
 * @param probabilityAlive  BG/NBD probability that the customer is still active at the as-of day
 * @param expectedSpend     Gamma-Gamma expected spend per future purchase (money)
 * @param clv               discounted CLV over the horizon, after margin (money)
 */
public record Prediction(int horizonMonths, double horizon, TimeUnit unit, double expectedPurchases,
                         double probabilityAlive, double expectedSpend, double clv) implements PredictionResult {
}
