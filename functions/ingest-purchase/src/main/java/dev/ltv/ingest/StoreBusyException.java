package dev.ltv.ingest;

/**
 * The table stayed busy (throttling, or concurrent writers on the same purchase) after every retry: the client
 * should retry later, which is safe because every write is idempotent.
 */
final class StoreBusyException extends RuntimeException {

    StoreBusyException(String message) {
        super(message, null, false, false);
    }
}
