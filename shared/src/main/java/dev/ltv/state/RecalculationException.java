package dev.ltv.state;

/**
 * Changes could not be applied; none of the failing transaction took effect.
 * {@link #retryable()} tells whether a later delivery can succeed (throttling, contention, timeouts) or not
 * (a refused transaction, a state the changes do not fit): the caller retries the first and sets the second
 * aside, so that one customer's unusable records do not hold up everyone else's.
 */
public final class RecalculationException extends RuntimeException {

    private final boolean retryable;

    private RecalculationException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static RecalculationException transientFailure(String message, Throwable cause) {
        return new RecalculationException(message, cause, true);
    }

    public static RecalculationException permanent(String message, Throwable cause) {
        return new RecalculationException(message, cause, false);
    }

    public boolean retryable() {
        return retryable;
    }
}
