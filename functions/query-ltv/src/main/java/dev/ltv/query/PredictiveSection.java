package dev.ltv.query;

import dev.ltv.state.CustomerState;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the predictive figures (the chosen purchase model and Gamma-Gamma) join a customer's response. The classic figures never
 * depend on it: an implementation answers its own failures (e.g. a model that cannot be read) inside the
 * section instead of throwing. {@link #NONE} leaves the member out.
 */
@FunctionalInterface
interface PredictiveSection {

    PredictiveSection NONE = (state, asOf, margin) -> Optional.empty();

    /**
     * @param margin the gross margin the caller chose (the classic formula's, so both figures agree)
     * @return the section to serialise as {@code predictive}, or empty to leave it out
     */
    Optional<Object> forCustomer(CustomerState state, LocalDate asOf, java.math.BigDecimal margin);
}
