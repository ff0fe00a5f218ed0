package dev.ltv.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's role as SAM builds it from template.yaml: the statements of its {@code Policies} (inline
 * statements, SAM policy templates, managed policies), plus what SAM attaches by itself
 * (AWSLambdaBasicExecutionRole always; AWSLambdaDynamoDBExecutionRole for a DynamoDB event; sqs:SendMessage
 * for an SQS on-failure destination of an event source mapping).
 */
final class RolePolicies {

    private static final String BASIC = "AWSLambdaBasicExecutionRole";
    private static final String DYNAMODB_STREAMS = "AWSLambdaDynamoDBExecutionRole";
    private static final List<String> LOGS = List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");

    private RolePolicies() {
    }

    static List<PolicyStatement> of(DeployedStack stack, String function) {
        JsonNode properties = stack.template().path("Resources").path(function).path("Properties");
        List<PolicyStatement> statements = new ArrayList<>();
        JsonNode policies = properties.path("Policies");
        for (JsonNode policy : policies.isArray() ? policies : List.of(policies)) {
            if (policy.isMissingNode() || policy.isNull()) {
                continue;
            }
            if (policy.isTextual()) {
                statements.addAll(managed(policy.asText()));
            } else if (policy.has("Statement")) {
                for (JsonNode statement : policy.path("Statement")) {
                    statements.add(inline(stack, statement, "template"));
                }
            } else {
                String name = policy.fieldNames().next();
                statements.addAll(samPolicyTemplate(stack, name, policy.get(name)));
            }
        }
        statements.addAll(managed(BASIC));
        properties.path("Events").forEach(event -> {
            if ("DynamoDB".equals(event.path("Type").asText())) {
                statements.addAll(managed(DYNAMODB_STREAMS));
                JsonNode onFailure = event.path("Properties").path("DestinationConfig").path("OnFailure");
                if ("SQS".equals(onFailure.path("Type").asText())) {
                    String queue = stack.resolveOne(onFailure.path("Destination"));
                    statements.add(new PolicyStatement("SAM (on-failure destination)", "Allow", List.of("sqs:SendMessage"),
                            List.of(queue), text(onFailure.path("Destination")), Map.of()));
                }
            }
        });
        return statements;
    }

    static PolicyStatement inline(DeployedStack stack, JsonNode statement, String origin) {
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        statement.path("Condition").properties().forEach(operator -> {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            operator.getValue().properties().forEach(key -> keys.put(key.getKey(), stack.resolve(key.getValue())));
            conditions.put(operator.getKey(), keys);
        });
        return new PolicyStatement(origin, statement.path("Effect").asText("Allow"), stack.resolve(statement.path("Action")),
                stack.resolve(statement.path("Resource")), text(statement.path("Resource")), conditions);
    }

    /** The resource as the template writes it: "LtvTable.Arn" for !GetAtt LtvTable.Arn. */
    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(text(element)));
            return String.join(", ", parts);
        }
        return node.toString();
    }

    /** The AWS managed policies SAM attaches, as AWS publishes them (statements that matter here). */
    static List<PolicyStatement> managed(String name) {
        String policy = name.substring(name.lastIndexOf('/') + 1);
        return switch (policy) {
            case BASIC -> List.of(statement(BASIC, LOGS, "*"));
            case DYNAMODB_STREAMS -> List.of(
                    statement(DYNAMODB_STREAMS, List.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
                            "dynamodb:GetShardIterator", "dynamodb:ListStreams"), "*"),
                    statement(DYNAMODB_STREAMS, LOGS, "*"));
            case "AWSXRayDaemonWriteAccess" -> List.of(statement(policy, List.of("xray:PutTraceSegments",
                    "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
                    "xray:GetSamplingStatisticSummaries"), "*"));
            default -> throw new IllegalArgumentException("managed policy " + name
                    + " is not known to the permission check: add its statements to RolePolicies.managed");
        };
    }

    /** The SAM policy templates (policy_templates.json of the SAM translator) this project may use. */
    private static List<PolicyStatement> samPolicyTemplate(DeployedStack stack, String name, JsonNode parameters) {
        java.util.function.Function<String, String> parameter = key -> stack.resolveOne(parameters.path(key));
        String origin = "SAM " + name;
        return switch (name) {
            case "DynamoDBCrudPolicy" -> tableStatement(origin, parameter.apply("TableName"), List.of("GetItem", "DeleteItem",
                    "PutItem", "Scan", "Query", "UpdateItem", "BatchWriteItem", "BatchGetItem", "DescribeTable", "ConditionCheckItem"));
            case "DynamoDBReadPolicy" -> tableStatement(origin, parameter.apply("TableName"),
                    List.of("GetItem", "Scan", "Query", "BatchGetItem", "DescribeTable"));
            case "DynamoDBWritePolicy" -> List.of(statement(origin, List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:BatchWriteItem"), DeployedStack.arn("dynamodb", "table/" + parameter.apply("TableName"))));
            case "DynamoDBStreamReadPolicy" -> List.of(statement(origin, List.of("dynamodb:DescribeStream",
                    "dynamodb:GetRecords", "dynamodb:GetShardIterator"), DeployedStack.arn("dynamodb", "table/"
                    + parameter.apply("TableName") + "/stream/" + parameter.apply("StreamName"))));
            case "SQSSendMessagePolicy" -> List.of(statement(origin, List.of("sqs:SendMessage*"),
                    DeployedStack.arn("sqs", parameter.apply("QueueName"))));
            case "EventBridgePutEventsPolicy" -> List.of(statement(origin, List.of("events:PutEvents"),
                    DeployedStack.arn("events", "event-bus/" + parameter.apply("EventBusName"))));
            case "CloudWatchPutMetricPolicy" -> List.of(statement(origin, List.of("cloudwatch:PutMetricData"), "*"));
            default -> throw new IllegalArgumentException("SAM policy template " + name
                    + " is not known to the permission check: add its expansion to RolePolicies");
        };
    }

    private static List<PolicyStatement> tableStatement(String origin, String table, List<String> actions) {
        String arn = DeployedStack.arn("dynamodb", "table/" + table);
        return List.of(new PolicyStatement(origin, "Allow", actions.stream().map(a -> "dynamodb:" + a).toList(),
                List.of(arn, arn + "/index/*"), "table/" + table + ", its indexes", Map.of()));
    }

    private static PolicyStatement statement(String origin, List<String> actions, String resource) {
        return new PolicyStatement(origin, "Allow", actions, List.of(resource), resource, Map.of());
    }
}
