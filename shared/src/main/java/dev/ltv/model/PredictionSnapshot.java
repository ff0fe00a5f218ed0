package dev.ltv.model;

import dev.ltv.config.LtvConfig;
import dev.ltv.state.CustomerState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prediction snapshot a customer state item carries for readers that scan customers (exports, rankings): the
 * predicted CLV, P(alive) and expected purchases under one model version, as of one day. Written by the
 * recalculation with each state and refreshed by the daily pass after a fit, both through this class so the two
 * always agree.
 */
public final class PredictionSnapshot {

    public static final String PREDICTED_CLV = "predictedClv";
    public static final String PROBABILITY_ALIVE = "probabilityAlive";
    public static final String EXPECTED_PURCHASES = "expectedPurchases";
    public static final String MODEL_VERSION = "modelVersion";
    public static final String PREDICTED_AS_OF = "predictedAsOf";

    /** Every attribute of the snapshot. */
    public static final List<String> ATTRIBUTES = List.of(PREDICTED_CLV, PROBABILITY_ALIVE, EXPECTED_PURCHASES,
            MODEL_VERSION, PREDICTED_AS_OF);
    /** What a reader sees of the snapshot: the day it was made is left out, so that it alone is no reason to write. */
    public static final List<String> FIGURES = List.of(PREDICTED_CLV, PROBABILITY_ALIVE, EXPECTED_PURCHASES,
            MODEL_VERSION);

    private PredictionSnapshot() {
    }

    /**
     * The snapshot under {@code model} as of {@code today} (or the customer's last purchase day, if later); empty
     * when the model cannot predict for this customer (no model, insufficient data).
     */
    public static Map<String, AttributeValue> of(CustomerState state, Optional<StoredModel> model, LocalDate today,
                                                 LtvConfig config) {
        LocalDate asOf = state.lastDay() != null && state.lastDay().isAfter(today) ? state.lastDay() : today;
        PredictiveLtv prediction = PredictiveLtv.forCustomer(state, model, asOf,
                config.clvSettings(config.ltvParameters().grossMargin()), config.baseCurrency());
        if (!PredictiveLtv.OK.equals(prediction.status())) {
            return Map.of();
        }
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(PREDICTED_CLV, AttributeValue.fromN(prediction.clv().toPlainString()));
        attributes.put(PROBABILITY_ALIVE, AttributeValue.fromN(prediction.probabilityAlive().toPlainString()));
        attributes.put(EXPECTED_PURCHASES, AttributeValue.fromN(prediction.expectedPurchases().toPlainString()));
        attributes.put(MODEL_VERSION, AttributeValue.fromN(Long.toString(prediction.modelVersion())));
        attributes.put(PREDICTED_AS_OF, AttributeValue.fromS(asOf.toString()));
        return attributes;
    }

    /** The stored snapshot's predicted CLV, or null without one. */
    public static BigDecimal predictedClv(Map<String, AttributeValue> attributes) {
        AttributeValue clv = attributes.get(PREDICTED_CLV);
        return clv == null || clv.n() == null ? null : new BigDecimal(clv.n());
    }
}
