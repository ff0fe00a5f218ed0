package dev.ltv.recalc;

import dev.ltv.config.LtvConfig;
import dev.ltv.model.ModelSource;
import dev.ltv.model.PredictionSnapshot;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateAnnotator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * Stores the predicted CLV under the latest fitted model with each state the recalculation writes, as of the
 * day of the write ({@link PredictionSnapshot}): a snapshot for readers that scan customers (exports, rankings).
 * The query recomputes the prediction for the asOf it is asked about; this snapshot ages until the customer's next
 * purchase or the daily pass after the next fit, which refreshes it.
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
        return PredictionSnapshot.of(state, models.latest(), LocalDate.now(clock.withZone(config.businessZone())),
                config);
    }
}
