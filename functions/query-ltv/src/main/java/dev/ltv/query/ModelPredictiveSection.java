package dev.ltv.query;

import dev.ltv.config.LtvConfig;
import dev.ltv.model.ModelSource;
import dev.ltv.model.PredictiveLtv;
import dev.ltv.state.CustomerState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The predictive section from the latest fitted model (through a per-container cache), computed at the
 * requested asOf so that P(alive) decays while a customer does not buy. Always present: without a model it
 * says INSUFFICIENT_DATA and why.
 */
final class ModelPredictiveSection implements PredictiveSection {

    private final ModelSource models;
    private final LtvConfig config;

    ModelPredictiveSection(ModelSource models, LtvConfig config) {
        this.models = models;
        this.config = config;
    }

    @Override
    public Optional<Object> forCustomer(CustomerState state, LocalDate asOf, BigDecimal margin) {
        return Optional.of(PredictiveLtv.forCustomer(state, models.latest(), asOf, config.clvSettings(margin), config.baseCurrency()));
    }
}
