package dev.ltv.recalc;

import dev.ltv.config.LtvConfig;
import dev.ltv.model.ModelSource;
import dev.ltv.model.PredictiveLtv;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateAnnotator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores the predicted CLV under the latest fitted model with each state the recalculation writes, as of the
 * day of the write: a snapshot for readers that scan customers (exports, rankings). The query recomputes
 * the prediction for the asOf it is asked about; this snapshot only ages until the customer's next purchase.
 */
final class PredictionAnnotator implements StateAnnotator {

    private final ModelSource models;
    private final LtvConfig config;
    private final Clock clock;

    PredictionAnnotator(ModelSource models, LtvConfig config, Clock clock) {
        this.models = models;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, AttributeValue> attributesFor(CustomerState state) {
        try {
            return predict(state);
        } catch (RuntimeException e) {
            // a snapshot must never stop the exact figures from being written: leave it out this time
            System.err.println("WARN prediction snapshot skipped for customer " + state.customerId() + ": " + e);
            return Map.of();
        }
    }

    private Map<String, AttributeValue> predict(CustomerState state) {
        LocalDate today = LocalDate.now(clock.withZone(config.businessZone()));
        LocalDate asOf = state.lastDay() != null && state.lastDay().isAfter(today) ? state.lastDay() : today;
        PredictiveLtv prediction = PredictiveLtv.forCustomer(state, models.latest(), asOf,
                config.clvSettings(config.ltvParameters().grossMargin()), config.baseCurrency());
        if (!PredictiveLtv.OK.equals(prediction.status())) {
            return Map.of();
        }
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put("predictedClv", AttributeValue.fromN(prediction.clv().toPlainString()));
        attributes.put("probabilityAlive", AttributeValue.fromN(prediction.probabilityAlive().toPlainString()));
        attributes.put("expectedPurchases", AttributeValue.fromN(prediction.expectedPurchases().toPlainString()));
        attributes.put("modelVersion", AttributeValue.fromN(Long.toString(prediction.modelVersion())));
        attributes.put("predictedAsOf", AttributeValue.fromS(asOf.toString()));
        return attributes;
    }
}
