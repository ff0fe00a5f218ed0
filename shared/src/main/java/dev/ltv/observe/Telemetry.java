package dev.ltv.observe;

import com.amazonaws.services.lambda.runtime.Context;

import java.util.Map;

/**
 * Where the functions' metrics and structured log lines go. On Lambda both are JSON lines on standard output:
 * CloudWatch Logs extracts the metrics from EMF documents, and Lambda does not re-encode a line that is
 * already JSON (the LambdaLogger would put it into a "message" string, which hides the fields from queries and
 * the metrics from EMF). The local stack and the tests redirect the output to see both without AWS.
 */
public final class Telemetry {

    /** The CloudWatch namespace of every metric; the FunctionName dimension tells stacks and functions apart. */
    public static final String NAMESPACE = "ltv";
    public static final String FUNCTION_NAME = "FunctionName";

    /** Receives what the functions publish. */
    public interface Output {
        void metrics(InvocationMetrics metrics, long timestampMillis);

        void log(String functionName, String jsonLine);
    }

    /** Lambda's: one JSON line per document on standard output. */
    public static final Output STANDARD_OUTPUT = new Output() {
        @Override
        public void metrics(InvocationMetrics metrics, long timestampMillis) {
            System.out.println(metrics.toEmf(timestampMillis));
        }

        @Override
        public void log(String functionName, String jsonLine) {
            System.out.println(jsonLine);
        }
    };

    private static volatile Output output = STANDARD_OUTPUT;

    private Telemetry() {
    }

    /** For the local stack and tests: the process-wide destination (Lambda runs one function per process). */
    public static void redirect(Output destination) {
        output = destination == null ? STANDARD_OUTPUT : destination;
    }

    public static Output output() {
        return output;
    }

    /**
     * An invocation's metrics, dimensioned by the function's name as Lambda gives it. Without a context (a test
     * calling a handler directly: Lambda and the local stack always pass one) there is no invocation to report
     * and nothing is published, which keeps test runs that apply thousands of records quiet.
     */
    public static InvocationMetrics begin(Context context, String defaultFunctionName) {
        InvocationMetrics metrics = new InvocationMetrics(NAMESPACE, Map.of(FUNCTION_NAME, functionName(context, defaultFunctionName)))
                .property("requestId", requestId(context));
        if (context == null) {
            metrics.discard();
        }
        return metrics;
    }

    /** Publishes, unless there is nothing to publish or no invocation to publish it for. */
    public static void publish(InvocationMetrics metrics) {
        if (!metrics.isEmpty() && !metrics.isDiscarded()) {
            output.metrics(metrics, System.currentTimeMillis());
        }
    }

    static String functionName(Context context, String defaultName) {
        return context == null || context.getFunctionName() == null ? defaultName : context.getFunctionName();
    }

    static String requestId(Context context) {
        return context == null || context.getAwsRequestId() == null ? "none" : context.getAwsRequestId();
    }
}
