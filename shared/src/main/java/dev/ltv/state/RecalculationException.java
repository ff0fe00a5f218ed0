package dev.ltv.state;

/** Changes could not be applied (after bounded retries); none of the failing transaction took effect. */
public final class RecalculationException extends RuntimeException {
    public RecalculationException(String message, Throwable cause) {
        super(message, cause);
    }
}
