package dev.ltv.cli;

/**
 * Exit codes shared by every command. 130 (Ctrl-C) and 143 (SIGTERM) come from the JVM when a signal ends
 * a command; {@code import} saves its position first, so the same command resumes.
 */
public final class ExitCode {

    /** Done, nothing refused. */
    public static final int OK = 0;
    /** Done, but some rows were refused (import: see the rejects file). */
    public static final int PARTIAL = 1;
    /** Bad command line or unusable input; nothing was done. */
    public static final int USAGE = 2;
    /** A failure: I/O, the API or DynamoDB unreachable or refusing every attempt. */
    public static final int FAILURE = 3;
    /** clv: the data are insufficient for the models (the RFM summary is written). */
    public static final int INSUFFICIENT_DATA = 4;

    private ExitCode() {
    }
}
