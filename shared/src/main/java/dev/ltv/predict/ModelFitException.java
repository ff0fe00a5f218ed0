package dev.ltv.predict;

/**
 * A model could not be fitted to the data: too little or degenerate data, an undefined quantity (Gamma-Gamma
 * q ≤ 1), or an optimiser that did not converge. The message says which, in terms a user can act on.
 */
public class ModelFitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFitException(String message) {
        super(message);
    }
}
