package dev.ltv.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Log lines for what a client does not see, tagged with the request id the client is given. Lambda's JSON
 * log format (set in template.yaml) adds level and time; without a context (tests, the local stack) lines go
 * to standard error.
 */
public final class RequestLog {

    private RequestLog() {
    }

    /** The id a client is told to report; "none" outside Lambda. */
    public static String requestId(Context context) {
        return context == null || context.getAwsRequestId() == null ? "none" : context.getAwsRequestId();
    }

    public static void info(Context context, String message) {
        write(context, LogLevel.INFO, message);
    }

    public static void warn(Context context, String message) {
        write(context, LogLevel.WARN, "requestId=" + requestId(context) + " " + message);
    }

    public static void error(Context context, String what, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        write(context, LogLevel.ERROR, "requestId=" + requestId(context) + " " + what + ": " + trace);
    }

    private static void write(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message, level);
        } else {
            System.err.println(level + " " + message);
        }
    }
}
