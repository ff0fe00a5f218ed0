package dev.ltv.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One invocation's metrics, written as one CloudWatch Embedded Metric Format (EMF) document: a JSON log line
 * that CloudWatch Logs turns into metrics, with no API call and no extra latency. The document has one metric
 * directive: the namespace, its dimension sets (every metric is published once per set) and each metric's name
 * and unit; the values, the dimension values and any other properties (ids, for log queries) are top-level
 * members, as the specification requires.
 *
 * <p>Not thread-safe: one instance per invocation.
 */
public final class InvocationMetrics {

    /** The units used here, spelled as the EMF specification lists them. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String emfName;

        Unit(String emfName) {
            this.emfName = emfName;
        }

        public String emfName() {
            return emfName;
        }
    }

    private record Metric(Unit unit, double value) {
    }

    private final String namespace;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<List<String>> dimensionSets = new ArrayList<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private boolean discarded;

    /** Metrics published under one dimension set made of these dimensions (in this order). */
    public InvocationMetrics(String namespace, Map<String, String> dimensions) {
        this.namespace = namespace;
        this.dimensions.putAll(dimensions);
        this.dimensionSets.add(List.copyOf(dimensions.keySet()));
    }

    /**
     * Publishes every metric a second time with this dimension added to the first set, e.g. per function and
     * also per function and route.
     */
    public InvocationMetrics alsoBy(String dimension, String value) {
        dimensions.put(dimension, value);
        List<String> set = new ArrayList<>(dimensionSets.getFirst());
        set.add(dimension);
        dimensionSets.add(List.copyOf(set));
        return this;
    }

    public InvocationMetrics count(String name, long value) {
        metrics.put(name, new Metric(Unit.COUNT, value));
        return this;
    }

    public InvocationMetrics milliseconds(String name, long value) {
        metrics.put(name, new Metric(Unit.MILLISECONDS, value));
        return this;
    }

    /** A searchable member that is not a metric (a request id, an event id). */
    public InvocationMetrics property(String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public boolean isEmpty() {
        return metrics.isEmpty();
    }

    /** Gathered outside an invocation: {@link Telemetry#publish} leaves it out. */
    void discard() {
        discarded = true;
    }

    boolean isDiscarded() {
        return discarded;
    }

    public OptionalDouble value(String metric) {
        Metric m = metrics.get(metric);
        return m == null ? OptionalDouble.empty() : OptionalDouble.of(m.value());
    }

    public String dimension(String name) {
        return dimensions.get(name);
    }

    /** The EMF document, one line, stamped with this time (epoch milliseconds). */
    public String toEmf(long timestampMillis) {
        StringBuilder out = new StringBuilder(256 + 48 * metrics.size());
        out.append("{\"_aws\":{\"Timestamp\":").append(timestampMillis).append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonText.appendString(out, namespace);
        out.append(",\"Dimensions\":[");
        for (int s = 0; s < dimensionSets.size(); s++) {
            out.append(s == 0 ? "[" : ",[");
            List<String> set = dimensionSets.get(s);
            for (int d = 0; d < set.size(); d++) {
                if (d > 0) {
                    out.append(',');
                }
                JsonText.appendString(out, set.get(d));
            }
            out.append(']');
        }
        out.append("],\"Metrics\":[");
        boolean first = true;
        for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
            out.append(first ? "" : ",").append("{\"Name\":");
            JsonText.appendString(out, metric.getKey());
            out.append(",\"Unit\":\"").append(metric.getValue().unit().emfName()).append("\"}");
            first = false;
        }
        out.append("]}]}");
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            member(out, dimension.getKey());
            JsonText.appendString(out, dimension.getValue());
        }
        for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
            member(out, metric.getKey());
            out.append(number(metric.getValue().value()));
        }
        for (Map.Entry<String, String> property : properties.entrySet()) {
            member(out, property.getKey());
            JsonText.appendString(out, property.getValue());
        }
        return out.append('}').toString();
    }

    /** A short human-readable form for the local stack's console: {@code Name=value ...}. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
            out.append(out.isEmpty() ? "" : " ").append(metric.getKey()).append('=').append(number(metric.getValue().value()));
            if (metric.getValue().unit() == Unit.MILLISECONDS) {
                out.append("ms");
            }
        }
        for (int s = 1; s < dimensionSets.size(); s++) {
            String extra = dimensionSets.get(s).getLast();
            out.append(" (").append(extra).append(": ").append(dimensions.get(extra)).append(')');
        }
        return out.toString();
    }

    private static void member(StringBuilder out, String name) {
        out.append(',');
        JsonText.appendString(out, name);
        out.append(':');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
