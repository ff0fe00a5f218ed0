package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Log lines for what the client does not see. Lambda's JSON log format (set in template.yaml) adds the level,
 * time and request id; without a context (tests, the local stack) lines go to standard error.
 */
final class RequestLog {

    private RequestLog() {
    }

    static void warn(Context context, String requestId, String message) {
        write(context, LogLevel.WARN, "requestId=" + requestId + " " + message);
    }

    static void error(Context context, String requestId, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        write(context, LogLevel.ERROR, "requestId=" + requestId + " unexpected failure: " + trace);
    }

    private static void write(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message, level);
        } else {
            System.err.println(level + " " + message);
        }
    }
}
