package dev.ltv.local.permissions;

import java.util.List;
import java.util.Map;

/**
 * One IAM statement of a function's role, resolved against the deployed stack.
 *
 * @param origin     where it comes from: "template" (the function's Policies), or the SAM policy template or
 *                   managed policy that SAM attaches
 * @param effect     Allow or Deny
 * @param actions    e.g. dynamodb:GetItem, may hold wildcards
 * @param resources  ARNs, may hold wildcards
 * @param resourceText the resources as the template writes them, for the README
 * @param conditions operator (e.g. ForAllValues:StringLike) → condition key → values
 */
record PolicyStatement(String origin, String effect, List<String> actions, List<String> resources,
                       String resourceText, Map<String, Map<String, List<String>>> conditions) {

    boolean fromTemplate() {
        return origin.equals("template");
    }

    /** An AWS managed policy SAM attaches (AWSLambdaBasicExecutionRole…). */
    boolean awsManaged() {
        return origin.startsWith("AWS");
    }

    String conditionText() {
        StringBuilder text = new StringBuilder();
        conditions.forEach((operator, keys) -> keys.forEach((key, values) -> {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(key).append(' ').append(operator).append(' ').append(String.join(", ", values));
        }));
        return text.toString();
    }
}
