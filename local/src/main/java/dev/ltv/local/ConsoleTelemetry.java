package dev.ltv.local;

import dev.ltv.observe.InvocationMetrics;
import dev.ltv.observe.Telemetry;

/**
 * The local stack's view of what the functions would publish on AWS: one console line per invocation with its
 * metrics ({@code metrics PurchasesCreated=2 ... Latency=14ms (Route: POST /purchases)}). The per-purchase JSON
 * log lines (ids for tracing a purchase through the stream) are left out here: two lines per purchase would
 * bury everything else; the tests check them.
 */
final class ConsoleTelemetry implements Telemetry.Output {

    @Override
    public void metrics(InvocationMetrics metrics, long timestampMillis) {
        Log.info(metrics.dimension(Telemetry.FUNCTION_NAME), "metrics " + metrics.summary());
    }

    @Override
    public void log(String functionName, String jsonLine) {
        // see the class comment
    }
}
