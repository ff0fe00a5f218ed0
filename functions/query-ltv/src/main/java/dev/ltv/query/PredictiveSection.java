package dev.ltv.query;

import dev.ltv.state.CustomerState;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the predictive (BG/NBD + Gamma-Gamma) figures join a customer's response. Until a fitted model is
 * wired in, there is none and the response has no {@code predictive} member; the classic figures never depend
 * on it.
 */
@FunctionalInterface
interface PredictiveSection {

    PredictiveSection NONE = (state, asOf) -> Optional.empty();

    /**
     * @return the section to serialise as {@code predictive}, or empty (no model fitted, too little history)
     */
    Optional<Object> forCustomer(CustomerState state, LocalDate asOf);
}
