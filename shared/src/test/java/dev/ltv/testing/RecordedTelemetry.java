package dev.ltv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ltv.observe.InvocationMetrics;
import dev.ltv.observe.Telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catches what the functions publish, as the EMF documents and JSON log lines they would write on Lambda.
 * Installed for the life of a try-with-resources block; the output goes back to standard output afterwards.
 */
public final class RecordedTelemetry implements Telemetry.Output, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EMF_UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private final List<JsonNode> documents = new CopyOnWriteArrayList<>();
    private final List<JsonNode> logLines = new CopyOnWriteArrayList<>();

    private RecordedTelemetry() {
    }

    public static RecordedTelemetry install() {
        RecordedTelemetry recorded = new RecordedTelemetry();
        Telemetry.redirect(recorded);
        return recorded;
    }

    @Override
    public void metrics(InvocationMetrics metrics, long timestampMillis) {
        JsonNode document = parse(metrics.toEmf(timestampMillis));
        assertSpecStructure(document);
        documents.add(document);
    }

    @Override
    public void log(String functionName, String jsonLine) {
        logLines.add(parse(jsonLine));
    }

    /** Every EMF document published, parsed, in order. */
    public List<JsonNode> documents() {
        return documents;
    }

    /** The only document published; fails when there is not exactly one. */
    public JsonNode single() {
        if (documents.size() != 1) {
            throw new AssertionError("expected one metrics document, got " + documents.size() + ": " + documents);
        }
        return documents.getFirst();
    }

    public List<JsonNode> logLines() {
        return logLines;
    }

    public void clear() {
        documents.clear();
        logLines.clear();
    }

    @Override
    public void close() {
        Telemetry.redirect(null);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The specification's required structure, checked on any document (also used on the functions' own). */
    public static void assertSpecStructure(JsonNode root) {
        JsonNode aws = root.get("_aws");
        assertTrue(aws != null && aws.isObject(), "_aws object");
        assertTrue(aws.get("Timestamp").isIntegralNumber(), "_aws.Timestamp: epoch milliseconds");
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertTrue(directives.isArray() && !directives.isEmpty(), "CloudWatchMetrics: a non-empty array");
        for (JsonNode directive : directives) {
            String namespace = directive.get("Namespace").asText();
            assertTrue(!namespace.isEmpty() && namespace.length() <= 1024, "Namespace");
            JsonNode dimensionSets = directive.get("Dimensions");
            assertTrue(dimensionSets.isArray(), "Dimensions: an array of dimension sets");
            for (JsonNode set : dimensionSets) {
                assertTrue(set.isArray() && set.size() <= 30, "a dimension set: an array of at most 30 names");
                for (JsonNode name : set) {
                    assertTrue(root.path(name.asText()).isTextual(), "dimension " + name + ": a top-level string");
                }
            }
            JsonNode metrics = directive.get("Metrics");
            assertTrue(metrics.isArray() && metrics.size() <= 100, "Metrics: at most 100");
            Set<String> names = new HashSet<>();
            for (JsonNode metric : metrics) {
                String name = metric.get("Name").asText();
                assertTrue(!name.isEmpty() && name.length() <= 255 && names.add(name), "metric name " + name);
                assertTrue(EMF_UNITS.contains(metric.get("Unit").asText()), "unit of " + name);
                assertTrue(root.path(name).isNumber(), "metric " + name + ": a top-level number");
            }
        }
    }
}
