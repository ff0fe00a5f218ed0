package dev.ltv.query;

import dev.ltv.config.LtvConfig;
import dev.ltv.model.ModelSource;
import dev.ltv.model.PredictiveLtv;
import dev.ltv.model.StoredModel;
import dev.ltv.state.CustomerState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The predictive section from the latest fitted model's chosen purchase model (through a per-container cache),
 * with its 90 % interval, computed at the requested asOf so that P(alive) decays while a customer does not buy. Always present: without a model, or
 * when the model cannot be read (throttled, malformed item), it says INSUFFICIENT_DATA and why; a failed read
 * is not cached, so the next request tries again.
 */
final class ModelPredictiveSection implements PredictiveSection {

    private final ModelSource models;
    private final LtvConfig config;

    ModelPredictiveSection(ModelSource models, LtvConfig config) {
        this.models = models;
        this.config = config;
    }

    /** The interval the response gives: 90 %, as the command's default. */
    static final double INTERVAL_LEVEL = 0.9;

    static final String UNREADABLE = "the predictive model could not be read; retry later";

    @Override
    public Optional<Object> forCustomer(CustomerState state, LocalDate asOf, BigDecimal margin) {
        Optional<StoredModel> model;
        try {
            model = models.latest();
        } catch (RuntimeException e) {
            // the classic figures are complete without the model: answer them rather than fail the request
            System.err.println("the predictive model could not be read (customer " + state.customerId()
                    + " answered without it): " + e);
            return Optional.of(PredictiveLtv.insufficient(UNREADABLE));
        }
        return Optional.of(PredictiveLtv.forCustomer(state, model, asOf, config.clvSettings(margin),
                config.baseCurrency(), INTERVAL_LEVEL));
    }
}
