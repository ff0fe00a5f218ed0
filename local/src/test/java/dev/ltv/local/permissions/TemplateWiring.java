package dev.ltv.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the code expects of template.yaml besides permissions: the environment variables it reads, the
 * parameters the template offers, and the events, destinations and aliases that point at the functions.
 * Each method returns the problems found, each naming the function and what to fix.
 */
final class TemplateWiring {

    /** Set by Lambda itself, never declared in a template. */
    static final Set<String> LAMBDA_RESERVED = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_EXECUTION_ENV", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
            "_HANDLER", "_X_AMZN_TRACE_ID", "TZ");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EVENT_CLASSES = Map.of(
            "HttpApi", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
            "DynamoDB", "com.amazonaws.services.lambda.runtime.events.DynamodbEvent",
            "SQS", "com.amazonaws.services.lambda.runtime.events.SQSEvent");

    private final DeployedStack stack;
    private final JsonNode resources;

    TemplateWiring(JsonNode template) {
        this.stack = new DeployedStack(template);
        this.resources = template.path("Resources");
    }

    List<String> functions() {
        List<String> ids = new ArrayList<>();
        stack.resourceTypes().forEach((id, type) -> {
            if ("AWS::Serverless::Function".equals(type)) {
                ids.add(id);
            }
        });
        return ids;
    }

    String handlerClass(String function) {
        String handler = property(function, "Handler").map(JsonNode::asText).orElseThrow(() -> new IllegalArgumentException(function + " has no Handler"));
        int method = handler.indexOf("::");
        return method < 0 ? handler : handler.substring(0, method);
    }

    /** The function's source roots in the repository: its module's and shared's. */
    List<Path> sourceRoots(Path repository, String function) {
        String path = handlerClass(function).replace('.', '/') + ".java";
        List<Path> roots = new ArrayList<>();
        for (Path module : Recordings.modules(repository)) {
            if (Files.isRegularFile(module.resolve("src/main/java").resolve(path))) {
                roots.add(module.resolve("src/main/java"));
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(function + ": no module has " + path);
        }
        roots.add(repository.resolve("shared/src/main/java"));
        return roots;
    }

    /** Variables the template sets for the function: Globals and its own. */
    Map<String, JsonNode> declaredVariables(String function) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        stack.template().path("Globals").path("Function").path("Environment").path("Variables").properties()
                .forEach(e -> variables.put(e.getKey(), e.getValue()));
        resources.path(function).path("Properties").path("Environment").path("Variables").properties()
                .forEach(e -> variables.put(e.getKey(), e.getValue()));
        return variables;
    }

    /** Every variable the function's code reads is declared for it, with a value the stack can resolve. */
    List<String> undeclaredVariables(String function, Map<String, List<String>> reads) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> declared = declaredVariables(function);
        reads.forEach((variable, files) -> {
            if (LAMBDA_RESERVED.contains(variable)) {
                return;
            }
            JsonNode value = declared.get(variable);
            if (value == null) {
                problems.add(function + " reads " + variable + " (" + String.join(", ", files)
                        + ") but template.yaml does not declare it for the function (Globals or its Environment)");
                return;
            }
            try {
                stack.resolve(value);
            } catch (IllegalArgumentException e) {
                problems.add(function + ": " + variable + " = " + value + " does not resolve: " + e.getMessage());
            }
        });
        return problems;
    }

    /** Parameters that nothing in the template references (so no code can read them either). */
    List<String> unusedParameters() {
        Set<String> referenced = new LinkedHashSet<>();
        collectTexts(stack.template().path("Globals"), referenced);
        collectTexts(stack.template().path("Conditions"), referenced);
        collectTexts(resources, referenced);
        collectTexts(stack.template().path("Outputs"), referenced);
        List<String> problems = new ArrayList<>();
        for (String parameter : stack.parameters().keySet()) {
            boolean used = referenced.contains(parameter)
                    || referenced.stream().anyMatch(text -> text.contains("${" + parameter + "}"));
            if (!used) {
                problems.add("parameter " + parameter + " is referenced nowhere in template.yaml: no function can read it");
            }
        }
        return problems;
    }

    /** Events, destinations and alias references point at what the code takes. */
    List<String> eventProblems() {
        List<String> problems = new ArrayList<>();
        for (String function : functions()) {
            Optional<Class<?>> eventType = eventType(function, problems);
            Set<String> routes = new LinkedHashSet<>();
            resources.path(function).path("Properties").path("Events").properties().forEach(event -> {
                JsonNode properties = event.getValue().path("Properties");
                if ("HttpApi".equals(event.getValue().path("Type").asText())) {
                    routes.add(properties.path("Method").asText().toUpperCase(java.util.Locale.ROOT) + " " + properties.path("Path").asText());
                }
            });
            resources.path(function).path("Properties").path("Events").properties().forEach(event -> {
                String where = function + ".Events." + event.getKey();
                String type = event.getValue().path("Type").asText();
                JsonNode properties = event.getValue().path("Properties");
                String expected = EVENT_CLASSES.get(type);
                if (type.equals("Schedule")) {
                    expected = scheduleInput(where, properties, routes, problems);
                }
                if (expected != null && eventType.isPresent() && !eventType.get().getName().equals(expected)) {
                    problems.add(where + " (" + type + ") sends " + expected + " but " + handlerClass(function) + " takes "
                            + eventType.get().getName());
                }
                switch (type) {
                    case "HttpApi" -> requireType(where + ".ApiId", properties.path("ApiId"), "AWS::Serverless::HttpApi", problems);
                    case "DynamoDB" -> streamProblems(function, where, properties, problems);
                    default -> {
                    }
                }
            });
        }
        aliasProblems(resources, "Resources", problems);
        aliasProblems(stack.template().path("Outputs"), "Outputs", problems);
        return problems;
    }

    private String scheduleInput(String where, JsonNode properties, Set<String> routes, List<String> problems) {
        if (properties.path("Input").isMissingNode()) {
            return null;
        }
        try {
            JsonNode input = JSON.readTree(properties.path("Input").asText());
            if (input.has("routeKey")) {
                if (!routes.contains(input.path("routeKey").asText())) {
                    problems.add(where + ": its Input's routeKey " + input.path("routeKey").asText()
                            + " is not one of the function's HttpApi routes " + routes);
                }
                return EVENT_CLASSES.get("HttpApi");
            }
        } catch (IOException e) {
            problems.add(where + ": Input is not JSON: " + e.getMessage());
        }
        return null;
    }

    private void streamProblems(String function, String where, JsonNode properties, List<String> problems) {
        String stream = properties.path("Stream").isTextual() ? properties.path("Stream").asText() : "";
        String table = stream.endsWith(".StreamArn") ? stream.substring(0, stream.length() - ".StreamArn".length()) : "";
        if (!"AWS::DynamoDB::Table".equals(stack.resourceTypes().get(table))) {
            problems.add(where + ".Stream must be !GetAtt <table>.StreamArn of a template table, is " + properties.path("Stream"));
        } else {
            if (resources.path(table).path("Properties").path("StreamSpecification").isMissingNode()) {
                problems.add(where + ".Stream: " + table + " has no StreamSpecification");
            }
            boolean named = declaredVariables(function).values().stream().anyMatch(value -> value.isTextual() && value.asText().equals(table));
            if (!named) {
                problems.add(where + ": the function reads " + table + "'s stream but its environment names no variable for " + table);
            }
        }
        JsonNode onFailure = properties.path("DestinationConfig").path("OnFailure");
        if (!onFailure.isMissingNode()) {
            String destination = onFailure.path("Destination").asText();
            String id = destination.contains(".") ? destination.substring(0, destination.indexOf('.')) : destination;
            String expectedType = switch (onFailure.path("Type").asText()) {
                case "SQS" -> "AWS::SQS::Queue";
                case "SNS" -> "AWS::SNS::Topic";
                default -> "";
            };
            if (!expectedType.equals(stack.resourceTypes().get(id))) {
                problems.add(where + ".DestinationConfig.OnFailure: " + destination + " is not a " + expectedType + " of the template");
            }
        }
    }

    private void requireType(String where, JsonNode reference, String type, List<String> problems) {
        if (reference.isMissingNode()) {
            return;
        }
        String id = reference.isTextual() ? reference.asText() : reference.path("Ref").asText();
        if (!type.equals(stack.resourceTypes().get(id))) {
            problems.add(where + ": " + reference + " is not a " + type + " of the template");
        }
    }

    /** {@code !Ref Function.Alias} (and !GetAtt) needs the function to publish one: AutoPublishAlias. */
    private void aliasProblems(JsonNode node, String where, List<String> problems) {
        Set<String> texts = new LinkedHashSet<>();
        collectTexts(node, texts);
        for (String text : texts) {
            for (String suffix : List.of(".Alias", ".Version")) {
                if (text.endsWith(suffix)) {
                    String function = text.substring(0, text.length() - suffix.length());
                    if ("AWS::Serverless::Function".equals(stack.resourceTypes().get(function))
                            && property(function, "AutoPublishAlias").isEmpty()) {
                        problems.add(where + " refers to " + text + " but " + function + " has no AutoPublishAlias");
                    }
                }
            }
        }
    }

    private Optional<JsonNode> property(String function, String name) {
        JsonNode own = resources.path(function).path("Properties").path(name);
        JsonNode global = stack.template().path("Globals").path("Function").path(name);
        return !own.isMissingNode() ? Optional.of(own) : global.isMissingNode() ? Optional.empty() : Optional.of(global);
    }

    private Optional<Class<?>> eventType(String function, List<String> problems) {
        try {
            Class<?> handler = Class.forName(handlerClass(function));
            String methodName = property(function, "Handler").map(JsonNode::asText).filter(h -> h.contains("::"))
                    .map(h -> h.substring(h.indexOf("::") + 2)).orElse("handleRequest");
            Optional<Method> method = Arrays.stream(handler.getMethods())
                    .filter(m -> m.getName().equals(methodName) && !m.isBridge() && !Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() >= 1)
                    .findFirst();
            if (method.isEmpty()) {
                problems.add(function + ": " + handler.getName() + " has no method " + methodName);
            }
            return method.map(m -> m.getParameterTypes()[0]);
        } catch (ClassNotFoundException e) {
            problems.add(function + ": handler class " + handlerClass(function) + " is not on the classpath");
            return Optional.empty();
        }
    }

    private static void collectTexts(JsonNode node, Set<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isObject() && node.has("Ref")) {
            texts.add(node.path("Ref").asText());
        }
        node.elements().forEachRemaining(child -> collectTexts(child, texts));
    }
}
