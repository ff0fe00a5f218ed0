package dev.ltv.cli;

/** A malformed command line or unusable input named by the user; the message is for the user (exit code 2). */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
