package dev.ltv.local.permissions;

import dev.ltv.dynamodblocal.recording.RecordedRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IAM's decision for one recorded request under one role: allowed when an Allow statement matches its
 * action, resource and conditions and no Deny statement does. Actions match case-insensitively with
 * wildcards, resources with wildcards, case-sensitively. Conditions: the String operators, with the
 * ForAllValues / ForAnyValue qualifiers (ForAllValues is true when the request has no value for the key, as
 * in IAM, so a Scan passes a LeadingKeys condition), on the keys the recording knows (dynamodb:LeadingKeys);
 * a condition on any other key never matches, so an unknown condition fails loudly rather than silently.
 */
final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /** The request as IAM sees it: action, resource ARN, condition values. */
    record Authorisation(RecordedRequest request, String action, String resourceArn, Map<String, List<String>> context) {
    }

    /** The statements that allow it (empty when denied). */
    static List<PolicyStatement> allowing(Authorisation authorisation, Collection<PolicyStatement> statements) {
        List<PolicyStatement> allowing = new ArrayList<>();
        for (PolicyStatement statement : statements) {
            if (matches(statement, authorisation)) {
                if ("Deny".equals(statement.effect())) {
                    return List.of();
                }
                allowing.add(statement);
            }
        }
        return allowing;
    }

    /** Why it is denied, naming the missing permission. */
    static String whyDenied(Authorisation authorisation, Collection<PolicyStatement> statements) {
        List<PolicyStatement> withAction = statements.stream().filter(s -> "Allow".equals(s.effect())
                && s.actions().stream().anyMatch(a -> actionMatches(a, authorisation.action()))).toList();
        if (withAction.isEmpty()) {
            return "no statement allows " + authorisation.action() + " (missing: " + authorisation.action() + " on "
                    + authorisation.resourceArn() + ")";
        }
        List<PolicyStatement> withResource = withAction.stream().filter(s -> s.resources().stream()
                .anyMatch(r -> resourceMatches(r, authorisation.resourceArn()))).toList();
        if (withResource.isEmpty()) {
            return authorisation.action() + " is allowed only on " + withAction.stream().flatMap(s -> s.resources().stream())
                    .distinct().toList() + " (missing: " + authorisation.action() + " on " + authorisation.resourceArn() + ")";
        }
        return authorisation.action() + " on " + authorisation.resourceArn() + " is allowed only where "
                + withResource.stream().map(PolicyStatement::conditionText).distinct().toList() + "; the request has "
                + authorisation.context();
    }

    static boolean matches(PolicyStatement statement, Authorisation authorisation) {
        return statement.actions().stream().anyMatch(a -> actionMatches(a, authorisation.action()))
                && statement.resources().stream().anyMatch(r -> resourceMatches(r, authorisation.resourceArn()))
                && conditionsHold(statement, authorisation.context());
    }

    static boolean actionMatches(String pattern, String action) {
        return glob(pattern.toLowerCase(Locale.ROOT)).matcher(action.toLowerCase(Locale.ROOT)).matches();
    }

    static boolean resourceMatches(String pattern, String arn) {
        return glob(pattern).matcher(arn).matches();
    }

    private static boolean conditionsHold(PolicyStatement statement, Map<String, List<String>> context) {
        for (Map.Entry<String, Map<String, List<String>>> operator : statement.conditions().entrySet()) {
            for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                if (!conditionHolds(operator.getKey(), Optional.ofNullable(context.get(key.getKey())), key.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean conditionHolds(String operatorText, Optional<List<String>> requestValues, List<String> policyValues) {
        String operator = operatorText;
        String qualifier = "";
        int colon = operator.indexOf(':');
        if (colon > 0) {
            qualifier = operator.substring(0, colon);
            operator = operator.substring(colon + 1);
        }
        boolean ifExists = operator.endsWith("IfExists");
        if (ifExists) {
            operator = operator.substring(0, operator.length() - "IfExists".length());
        }
        List<String> values = requestValues.orElse(List.of());
        if (values.isEmpty()) {
            return qualifier.equals("ForAllValues") || ifExists;
        }
        String op = operator;
        java.util.function.Predicate<String> one = value -> switch (op) {
            case "StringEquals" -> policyValues.contains(value);
            case "StringNotEquals" -> !policyValues.contains(value);
            case "StringLike" -> policyValues.stream().anyMatch(p -> glob(p).matcher(value).matches());
            case "StringNotLike" -> policyValues.stream().noneMatch(p -> glob(p).matcher(value).matches());
            default -> false;
        };
        return switch (qualifier) {
            case "ForAllValues" -> values.stream().allMatch(one);
            case "ForAnyValue" -> values.stream().anyMatch(one);
            default -> values.size() == 1 && one.test(values.get(0));
        };
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
