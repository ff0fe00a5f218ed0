package dev.ltv.api;

/**
 * A store stayed busy (throttling, contention) after every bounded retry: the client gets 503 and may retry
 * later, which every route allows (writes are idempotent, reads have no effect).
 */
public class ServiceBusyException extends RuntimeException {

    public ServiceBusyException(String message) {
        super(message, null, false, false);
    }
}
