package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ltv.observe.InvocationMetrics;
import dev.ltv.observe.Telemetry;

import java.util.function.Supplier;

/**
 * One metrics document per fit: its duration and outcome ({@code FitsFitted}, {@code FitsRefused} for too little
 * data, {@code FitsFailed} for an error; each 1 or 0) and how many customers it was fitted on. A fit that fails
 * still publishes before the failure goes on to the HTTP answer or, for the schedule, the failed invocation.
 */
final class FitTelemetry {

    static final String FUNCTION = "FitModelFunction";

    private FitTelemetry() {
    }

    static ModelFitting.Result measured(Context context, boolean scheduled, Supplier<ModelFitting.Result> fit) {
        InvocationMetrics metrics = Telemetry.begin(context, FUNCTION).property("trigger", scheduled ? "schedule" : "api");
        long start = System.nanoTime();
        ModelFitting.Result result = null;
        try {
            result = fit.get();
            return result;
        } finally {
            metrics.milliseconds("FitDuration", (System.nanoTime() - start) / 1_000_000)
                    .count("FitsFitted", result instanceof ModelFitting.Fitted ? 1 : 0)
                    .count("FitsRefused", result instanceof ModelFitting.Refused ? 1 : 0)
                    .count("FitsFailed", result == null ? 1 : 0);
            if (result != null) {
                metrics.count("FitCustomers", result.data().summary().size());
            }
            Telemetry.publish(metrics);
        }
    }
}
