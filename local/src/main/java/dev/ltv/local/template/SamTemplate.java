package dev.ltv.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.dynamodblocal.TemplateTables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of the SAM template the local stack runs: tables, functions (handler, environment, events).
 * Read from the template itself, so the local stack cannot drift from what is deployed.
 */
public final class SamTemplate {

    static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
    private static final String DEFAULT_HANDLER_METHOD = "handleRequest";

    private final TemplateTables tables;
    private final JsonNode tree;
    private final String source;

    private SamTemplate(TemplateTables tables, String source) {
        this.tables = tables;
        this.tree = tables.tree();
        this.source = source;
    }

    /** The given file; else ./template.yaml when the working directory has one; else the bundled copy. */
    public static SamTemplate load(Optional<Path> file) {
        if (file.isPresent()) {
            if (!Files.isRegularFile(file.get())) {
                throw new IllegalArgumentException("template not found: " + file.get());
            }
            return from(file.get());
        }
        Path inWorkingDir = Path.of("template.yaml");
        return Files.isRegularFile(inWorkingDir) ? from(inWorkingDir) : bundled();
    }

    public static SamTemplate from(Path file) {
        return new SamTemplate(TemplateTables.from(file), file.toString());
    }

    public static SamTemplate bundled() {
        return new SamTemplate(TemplateTables.bundled(), "template.yaml (bundled copy)");
    }

    /** Where the template was read from, for the start-up notice. */
    public String source() {
        return source;
    }

    public TemplateTables tables() {
        return tables;
    }

    /** Parameter name → its Default (empty when it has none). */
    public Map<String, Optional<String>> parameterDefaults() {
        Map<String, Optional<String>> defaults = new LinkedHashMap<>();
        tree.path("Parameters").fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue().path("Default");
            defaults.put(entry.getKey(), value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText()));
        });
        return defaults;
    }

    /** Logical ids of the AWS::Serverless::Function resources, in template order. */
    public List<String> functionLogicalIds() {
        List<String> ids = new ArrayList<>();
        tree.path("Resources").fields().forEachRemaining(entry -> {
            if ("AWS::Serverless::Function".equals(entry.getValue().path("Type").asText())) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    /** Every function, with Globals applied and references resolved against the local bindings. */
    public List<FunctionDefinition> functions(LocalBindings bindings) {
        Set<String> resourceIds = new HashSet<>();
        tree.path("Resources").fieldNames().forEachRemaining(resourceIds::add);
        Intrinsics intrinsics = new Intrinsics(parameterDefaults(), resourceIds, bindings);
        List<FunctionDefinition> functions = new ArrayList<>();
        for (String id : functionLogicalIds()) {
            functions.add(function(id, intrinsics, bindings));
        }
        return functions;
    }

    private FunctionDefinition function(String id, Intrinsics intrinsics, LocalBindings bindings) {
        JsonNode globals = tree.path("Globals").path("Function");
        JsonNode properties = tree.path("Resources").path(id).path("Properties");

        String handler = firstPresent(properties.path("Handler"), globals.path("Handler"))
                .flatMap(node -> intrinsics.resolve(node, id + ".Handler"))
                .orElseThrow(() -> new IllegalArgumentException(id + " has no Handler"));
        int separator = handler.indexOf("::");
        String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
        String handlerMethod = separator < 0 ? DEFAULT_HANDLER_METHOD : handler.substring(separator + 2);

        // Lambda merges the variables: the function's win over the Globals' of the same name
        Map<String, String> environment = new LinkedHashMap<>();
        putVariables(environment, globals.path("Environment").path("Variables"), id, intrinsics);
        putVariables(environment, properties.path("Environment").path("Variables"), id, intrinsics);
        environment.put("DYNAMODB_ENDPOINT", bindings.dynamoDbEndpoint().toString());
        environment.put("AWS_REGION", bindings.region());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", id);

        int timeout = integer(firstPresent(properties.path("Timeout"), globals.path("Timeout")), intrinsics, id + ".Timeout",
                LAMBDA_DEFAULT_TIMEOUT_SECONDS);
        int memory = integer(firstPresent(properties.path("MemorySize"), globals.path("MemorySize")), intrinsics,
                id + ".MemorySize", LAMBDA_DEFAULT_MEMORY_MB);

        List<HttpRoute> routes = new ArrayList<>();
        List<StreamEventSource> streams = new ArrayList<>();
        List<String> others = new ArrayList<>();
        properties.path("Events").fields().forEachRemaining(entry -> {
            String eventName = entry.getKey();
            JsonNode event = entry.getValue();
            JsonNode eventProperties = event.path("Properties");
            String where = id + ".Events." + eventName;
            switch (event.path("Type").asText()) {
                case "HttpApi" -> routes.add(new HttpRoute(
                        intrinsics.resolve(eventProperties.path("Method"), where + ".Method").orElse(null),
                        intrinsics.resolve(eventProperties.path("Path"), where + ".Path").orElse(null)));
                case "DynamoDB" -> streams.add(stream(eventName, eventProperties, intrinsics, where));
                default -> others.add(eventName + " (" + event.path("Type").asText() + ")");
            }
        });
        return new FunctionDefinition(id, handlerClass, handlerMethod, environment, timeout, memory, routes, streams, others);
    }

    private static StreamEventSource stream(String eventName, JsonNode properties, Intrinsics intrinsics, String where) {
        String table = Intrinsics.streamTable(properties.path("Stream"))
                .orElseThrow(() -> new IllegalArgumentException(where + ".Stream must be a table's StreamArn (!GetAtt Table.StreamArn)"));
        boolean reportFailures = false;
        for (JsonNode type : properties.path("FunctionResponseTypes")) {
            reportFailures |= "ReportBatchItemFailures".equals(intrinsics.resolve(type, where).orElse(""));
        }
        String onFailure = intrinsics.resolve(properties.path("DestinationConfig").path("OnFailure").path("Destination"),
                where + ".DestinationConfig").orElse("");
        return new StreamEventSource(
                eventName,
                table,
                integer(properties.path("BatchSize"), intrinsics, where + ".BatchSize", StreamEventSource.DEFAULT_BATCH_SIZE),
                integer(properties.path("MaximumBatchingWindowInSeconds"), intrinsics, where, 0),
                reportFailures,
                integer(properties.path("MaximumRetryAttempts"), intrinsics, where, StreamEventSource.UNLIMITED_RETRIES),
                Boolean.parseBoolean(intrinsics.resolve(properties.path("BisectBatchOnFunctionError"), where).orElse("false")),
                intrinsics.resolve(properties.path("StartingPosition"), where).orElse("TRIM_HORIZON").toUpperCase(Locale.ROOT),
                onFailure);
    }

    private static void putVariables(Map<String, String> environment, JsonNode variables, String id, Intrinsics intrinsics) {
        variables.fields().forEachRemaining(entry -> {
            Optional<String> value = intrinsics.resolve(entry.getValue(), id + ".Environment." + entry.getKey());
            if (value.isPresent()) {
                environment.put(entry.getKey(), value.get());
            } else {
                environment.remove(entry.getKey());
            }
        });
    }

    private static int integer(JsonNode node, Intrinsics intrinsics, String where, int defaultValue) {
        return integer(Optional.of(node), intrinsics, where, defaultValue);
    }

    private static int integer(Optional<JsonNode> node, Intrinsics intrinsics, String where, int defaultValue) {
        Optional<String> value = node.flatMap(n -> intrinsics.resolve(n, where));
        try {
            return value.map(String::trim).map(Integer::parseInt).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " is not a whole number: " + value.get());
        }
    }

    private static Optional<JsonNode> firstPresent(JsonNode first, JsonNode second) {
        if (!first.isMissingNode() && !first.isNull()) {
            return Optional.of(first);
        }
        return second.isMissingNode() || second.isNull() ? Optional.empty() : Optional.of(second);
    }
}
