package dev.ltv.ingest;

import dev.ltv.api.ServiceBusyException;

/**
 * The table stayed busy (throttling, or concurrent writers on the same purchase) after every retry: the client
 * should retry later, which is safe because every write is idempotent.
 */
final class StoreBusyException extends ServiceBusyException {

    StoreBusyException(String message) {
        super(message);
    }
}
