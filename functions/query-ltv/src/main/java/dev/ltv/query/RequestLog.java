package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Log lines for what the client does not see, tagged with the request id the client is given. Lambda's JSON log
 * format (template.yaml) adds level and time; without a context (tests, the local stack) lines go to stderr.
 */
final class RequestLog {

    private RequestLog() {
    }

    static void warn(Context context, String requestId, String message) {
        write(context, LogLevel.WARN, "requestId=" + requestId + " " + message);
    }

    static void error(Context context, String requestId, String what, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        write(context, LogLevel.ERROR, "requestId=" + requestId + " " + what + ": " + trace);
    }

    private static void write(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message, level);
        } else {
            System.err.println(level + " " + message);
        }
    }
}
