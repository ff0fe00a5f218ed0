package dev.ltv.state;

/**
 * A day would hold fewer than zero purchases. Among redelivered records this means some were applied
 * before (their markers tell); otherwise a change was applied out of its item's order.
 */
public final class NegativeDayException extends IllegalStateException {
    public NegativeDayException(String message) {
        super(message);
    }
}
