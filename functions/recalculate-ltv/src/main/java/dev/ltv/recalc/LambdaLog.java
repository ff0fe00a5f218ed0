package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.Context;

/** Log lines through the Lambda logger when there is one (the template turns on JSON log format). */
final class LambdaLog {

    private final Context context;

    LambdaLog(Context context) {
        this.context = context;
    }

    void info(String message) {
        write("INFO", message);
    }

    void error(String message, Throwable error) {
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        write("ERROR", message + "\n" + trace);
    }

    private void write(String level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(level + " " + message + "\n");
        } else {
            System.out.println(level + " " + message);
        }
    }
}
