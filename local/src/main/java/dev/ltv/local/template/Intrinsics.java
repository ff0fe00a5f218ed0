package dev.ltv.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.local.Log;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the few CloudFormation intrinsics that template values use, the way the stack would.
 *
 * <p>Jackson's YAML reader drops short-form tags, so {@code !Ref X} arrives as the plain text "X" and
 * {@code !GetAtt T.StreamArn} as "T.StreamArn". A text that names a Parameter or a resource is therefore
 * read as a reference to it; any other text is a literal. Long forms ({@code Ref:}, {@code Fn::Sub:},
 * {@code Fn::GetAtt:}) are objects and handled as such. Conditions ({@code !If}) are not evaluated.
 */
final class Intrinsics {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Optional<String>> parameterDefaults;
    private final Set<String> resourceIds;
    private final LocalBindings bindings;

    Intrinsics(Map<String, Optional<String>> parameterDefaults, Set<String> resourceIds, LocalBindings bindings) {
        this.parameterDefaults = parameterDefaults;
        this.resourceIds = resourceIds;
        this.bindings = bindings;
    }

    /** The value of a template value node, or empty when it resolves to nothing (AWS::NoValue, no default). */
    Optional<String> resolve(JsonNode node, String where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return resolveText(node.asText());
        }
        if (node.isValueNode()) {
            return Optional.of(node.asText());
        }
        if (node.isObject() && node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref" -> {
                    return resolveName(argument.asText());
                }
                case "Fn::Sub" -> {
                    return Optional.of(substitute(argument.isArray() ? argument.path(0).asText() : argument.asText()));
                }
                case "Fn::GetAtt" -> {
                    String target = argument.isArray() ? argument.path(0).asText() + "." + argument.path(1).asText() : argument.asText();
                    return Optional.of(attribute(target));
                }
                default -> {
                    // falls through to the warning below
                }
            }
        }
        Log.warn("template", where + ": " + node + " is not evaluated locally; left unset");
        return Optional.empty();
    }

    /** The logical id of the table a stream reference such as "PurchasesTable.StreamArn" points to. */
    static Optional<String> streamTable(JsonNode stream) {
        String target;
        if (stream.isTextual()) {
            target = stream.asText();
        } else if (stream.has("Fn::GetAtt")) {
            JsonNode argument = stream.get("Fn::GetAtt");
            target = argument.isArray() ? argument.path(0).asText() + "." + argument.path(1).asText() : argument.asText();
        } else {
            return Optional.empty();
        }
        int dot = target.indexOf('.');
        return dot > 0 && target.endsWith(".StreamArn") ? Optional.of(target.substring(0, dot)) : Optional.empty();
    }

    private Optional<String> resolveText(String text) {
        if (parameterDefaults.containsKey(text) || resourceIds.contains(text) || text.startsWith("AWS::")) {
            return resolveName(text);
        }
        if (text.contains("${")) {
            return Optional.of(substitute(text));
        }
        int dot = text.indexOf('.');
        if (dot > 0 && resourceIds.contains(text.substring(0, dot))) {
            return Optional.of(attribute(text));
        }
        return Optional.of(text);
    }

    private Optional<String> resolveName(String name) {
        if (parameterDefaults.containsKey(name)) {
            return parameterDefaults.get(name);
        }
        String table = bindings.tableNames().get(name);
        if (table != null) {
            return Optional.of(table);
        }
        return switch (name) {
            case "AWS::NoValue" -> Optional.empty();
            case "AWS::Region" -> Optional.of(bindings.region());
            case "AWS::AccountId" -> Optional.of(LocalBindings.ACCOUNT_ID);
            case "AWS::StackName" -> Optional.of(LocalBindings.STACK_NAME);
            case "AWS::Partition" -> Optional.of("aws");
            case "AWS::URLSuffix" -> Optional.of("amazonaws.com");
            // a resource with no local counterpart (a queue, a topic): a recognisable placeholder
            default -> Optional.of("local:" + name);
        };
    }

    private String attribute(String target) {
        return "local:" + target;
    }

    private String substitute(String template) {
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value = variable.contains(".") && !variable.startsWith("AWS::") ? attribute(variable) : resolveName(variable).orElse("");
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
