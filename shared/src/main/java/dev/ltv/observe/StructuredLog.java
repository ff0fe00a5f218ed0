package dev.ltv.observe;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * Structured JSON log lines: level, message, the request id and named fields (ids only: no amounts, no
 * metadata, nothing personal). A purchase is traced from ingest to recalculation by its customerId and
 * purchaseId, which both functions log, and the stream record's eventID, which the recalculation logs with them.
 */
public final class StructuredLog {

    private StructuredLog() {
    }

    /**
     * Nothing without a context: there is no invocation to name (see {@link Telemetry#begin}).
     *
     * @param fields name, value, name, value...; null values are left out
     */
    public static void info(Context context, String defaultFunctionName, String message, String... fields) {
        if (context != null) {
            Telemetry.output().log(Telemetry.functionName(context, defaultFunctionName), line("INFO", context, message, fields));
        }
    }

    static String line(String level, Context context, String message, String... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/value pairs");
        }
        StringBuilder out = new StringBuilder(96 + 32 * fields.length);
        out.append("{\"level\":\"").append(level).append("\",\"message\":");
        JsonText.appendString(out, message);
        out.append(",\"requestId\":");
        JsonText.appendString(out, Telemetry.requestId(context));
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                out.append(',');
                JsonText.appendString(out, fields[i]);
                out.append(':');
                JsonText.appendString(out, fields[i + 1]);
            }
        }
        return out.append('}').toString();
    }
}
