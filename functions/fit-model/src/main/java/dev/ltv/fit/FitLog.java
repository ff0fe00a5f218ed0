package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Log lines through the Lambda logger (JSON format, set in template.yaml, adds level, time and request id);
 * without a context (tests, the local stack) they go to standard error.
 */
final class FitLog {

    private FitLog() {
    }

    static void info(Context context, String message) {
        write(context, LogLevel.INFO, message);
    }

    static void error(Context context, String requestId, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        write(context, LogLevel.ERROR, "requestId=" + requestId + " fit failed: " + trace);
    }

    static String summary(ModelFitting.Result result) {
        var data = result.data();
        String common = " asOf=" + data.summary().asOf() + " unit=" + data.summary().unit().label()
                + " customers=" + data.summary().size() + " repeatCustomers=" + data.repeatCustomers()
                + " rewound=" + data.rewound() + " notYetCustomers=" + data.notYetCustomers()
                + " unusable=" + data.unusable() + " durationMillis=" + result.durationMillis();
        return switch (result) {
            case ModelFitting.Fitted f -> "fit FITTED version=" + f.model().version() + common
                    + " r=" + f.model().bgNbd().r() + " alpha=" + f.model().bgNbd().alpha()
                    + " a=" + f.model().bgNbd().a() + " b=" + f.model().bgNbd().b()
                    + " p=" + f.model().gammaGamma().p() + " q=" + f.model().gammaGamma().q()
                    + " gamma=" + f.model().gammaGamma().gamma();
            case ModelFitting.Refused r -> "fit INSUFFICIENT_DATA" + common + " reason=\"" + r.attempt().reason()
                    + "\" latestVersion=" + r.previous().map(m -> Long.toString(m.version())).orElse("none");
        };
    }

    private static void write(Context context, LogLevel level, String message) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(message, level);
        } else {
            System.err.println(level + " " + message);
        }
    }
}
