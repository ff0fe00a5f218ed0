package dev.ltv.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's values as a deployed stack would have them: physical names as CloudFormation makes them
 * ({@code stack-LogicalId-SUFFIX}), ARNs in a fixed account and region, parameters at their defaults.
 *
 * <p>Unlike the local stack's Intrinsics (which resolves to local table names and placeholders), this resolves
 * {@code !GetAtt}, {@code !Sub}, {@code !Ref} and {@code !If} to the ARNs IAM compares. As there, Jackson's YAML
 * reader drops short-form tags: a text naming a parameter or resource is a {@code Ref}, {@code Resource.Attr} a
 * {@code GetAtt}.
 */
final class DeployedStack {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String STACK = "ltv";
    static final String STREAM_LABEL = "2026-01-01T00:00:00.000";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode template;
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, Optional<String>> parameters = new LinkedHashMap<>();

    DeployedStack(JsonNode template) {
        this.template = template;
        template.path("Resources").properties().forEach(e -> types.put(e.getKey(), e.getValue().path("Type").asText()));
        template.path("Parameters").properties().forEach(e -> {
            JsonNode value = e.getValue().path("Default");
            parameters.put(e.getKey(), value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText()));
        });
    }

    JsonNode template() {
        return template;
    }

    Map<String, String> resourceTypes() {
        return types;
    }

    Map<String, Optional<String>> parameters() {
        return parameters;
    }

    static String physicalName(String logicalId) {
        return STACK + "-" + logicalId + "-SYNTH0000";
    }

    /** A value: one string, a list (arrays, Fn::If branches), or nothing (AWS::NoValue). */
    List<String> resolve(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    String resolveOne(JsonNode node) {
        List<String> values = resolve(node);
        if (values.size() != 1) {
            throw new IllegalArgumentException("not a single value: " + node);
        }
        return values.get(0);
    }

    private void collect(JsonNode node, List<String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isArray() && node.size() == 3 && node.get(0).isTextual()
                && template.path("Conditions").has(node.get(0).asText())) {
            // a short-form !If [Condition, then, else] (the tag itself is gone)
            collect(condition(node.get(0).asText()) ? node.get(1) : node.get(2), out);
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, out));
        } else if (node.isTextual()) {
            text(node.asText()).ifPresent(out::add);
        } else if (node.isValueNode()) {
            out.add(node.asText());
        } else if (node.isObject() && node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref" -> ref(argument.asText()).ifPresent(out::add);
                case "Fn::GetAtt" -> out.add(attribute(argument.isArray()
                        ? argument.path(0).asText() + "." + argument.path(1).asText() : argument.asText()));
                case "Fn::Sub" -> out.add(substitute(argument.isArray() ? argument.path(0).asText() : argument.asText(),
                        argument.isArray() ? argument.path(1) : null));
                case "Fn::If" -> collect(condition(argument.path(0).asText()) ? argument.path(1) : argument.path(2), out);
                case "Fn::Join" -> out.add(String.join(argument.path(0).asText(), resolve(argument.path(1))));
                default -> throw new IllegalArgumentException("intrinsic not resolved for the permission check: " + node);
            }
        } else {
            throw new IllegalArgumentException("not a value: " + node);
        }
    }

    private Optional<String> text(String text) {
        if (parameters.containsKey(text) || types.containsKey(text) || text.startsWith("AWS::")) {
            return ref(text);
        }
        if (text.contains("${")) {
            return Optional.of(substitute(text, null));
        }
        int dot = text.indexOf('.');
        if (dot > 0 && types.containsKey(text.substring(0, dot))) {
            return text.endsWith(".Alias") || text.endsWith(".Version") ? ref(text) : Optional.of(attribute(text));
        }
        return Optional.of(text);
    }

    Optional<String> ref(String name) {
        if (parameters.containsKey(name)) {
            return Optional.of(parameters.get(name).orElse(""));
        }
        String type = types.get(name);
        if (type != null) {
            String physical = physicalName(name);
            return Optional.of(switch (type) {
                case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + physical;
                case "AWS::SNS::Topic" -> arn("sns", physical);
                default -> physical;
            });
        }
        int dot = name.indexOf('.');
        if (dot > 0 && "AWS::Serverless::Function".equals(types.get(name.substring(0, dot)))) {
            // !Ref Function.Alias / .Version (AutoPublishAlias): a qualified function ARN
            String qualifier = name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
            return Optional.of(arn("lambda", "function:" + physicalName(name.substring(0, dot)) + ":" + qualifier));
        }
        return switch (name) {
            case "AWS::NoValue" -> Optional.empty();
            case "AWS::Region" -> Optional.of(REGION);
            case "AWS::AccountId" -> Optional.of(ACCOUNT);
            case "AWS::StackName" -> Optional.of(STACK);
            case "AWS::Partition" -> Optional.of("aws");
            case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
            default -> throw new IllegalArgumentException("!Ref " + name + ": no such parameter or resource");
        };
    }

    String attribute(String target) {
        int dot = target.indexOf('.');
        String id = target.substring(0, dot);
        String attribute = target.substring(dot + 1);
        String type = types.get(id);
        if (type == null) {
            throw new IllegalArgumentException("!GetAtt " + target + ": no such resource");
        }
        String physical = physicalName(id);
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn" -> tableArn(id);
            case "AWS::DynamoDB::Table.StreamArn" -> tableArn(id) + "/stream/" + STREAM_LABEL;
            case "AWS::SQS::Queue.Arn" -> arn("sqs", physical);
            case "AWS::SQS::Queue.QueueName" -> physical;
            case "AWS::SQS::Queue.QueueUrl" -> ref(id).orElseThrow();
            case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn" -> arn("lambda", "function:" + physical);
            case "AWS::Events::EventBus.Arn" -> arn("events", "event-bus/" + physical);
            case "AWS::Events::EventBus.Name" -> physical;
            case "AWS::SNS::Topic.TopicName" -> physical;
            case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + physical + ":*");
            default -> arn(type.split("::")[1].toLowerCase(java.util.Locale.ROOT), physical + "/" + attribute);
        };
    }

    static String tableArn(String logicalId) {
        return arn("dynamodb", "table/" + physicalName(logicalId));
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    private String substitute(String text, JsonNode variables) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value;
            if (variables != null && variables.has(variable)) {
                value = resolveOne(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                value = attribute(variable);
            } else {
                value = ref(variable).orElse("");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** A Conditions entry, at the parameters' defaults. */
    boolean condition(String name) {
        JsonNode definition = template.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return evaluate(definition, new HashMap<>());
    }

    private boolean evaluate(JsonNode node, Map<String, Boolean> seen) {
        if (node.isTextual()) {
            return condition(node.asText());
        }
        // short forms lost their tags: !Equals [a, b] is a pair, !Not [x] a single element
        if (node.isArray() && node.size() == 2) {
            return resolve(node.get(0)).equals(resolve(node.get(1)));
        }
        if (node.isArray() && node.size() == 1) {
            return !evaluate(node.get(0), seen);
        }
        String function = node.fieldNames().next();
        JsonNode argument = node.get(function);
        return switch (function) {
            case "Fn::Equals" -> resolve(argument.path(0)).equals(resolve(argument.path(1)));
            case "Fn::Not" -> !evaluate(argument.path(0), seen);
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode part : argument) {
                    all &= evaluate(part, seen);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode part : argument) {
                    any |= evaluate(part, seen);
                }
                yield any;
            }
            case "Condition" -> condition(argument.asText());
            default -> throw new IllegalArgumentException("condition function not evaluated: " + function);
        };
    }
}
