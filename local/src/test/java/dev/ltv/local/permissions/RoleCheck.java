package dev.ltv.local.permissions;

import dev.ltv.dynamodblocal.recording.RecordedRequest;
import dev.ltv.local.permissions.PolicyEvaluator.Authorisation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every recorded request against its function's role in template.yaml: the denials (each names the function,
 * the request and the missing permission) and, for each statement and action, the operations that needed
 * it; a template action no request needed is least-privilege drift.
 */
final class RoleCheck {

    /** One action of one statement, and the operations that needed it. */
    record Grant(String function, PolicyStatement statement, String action, Set<String> neededBy) {
    }

    private final DeployedStack stack;
    private final Map<String, List<PolicyStatement>> roles = new LinkedHashMap<>();
    private final List<String> denials = new ArrayList<>();
    private final Map<String, List<Grant>> grants = new LinkedHashMap<>();

    RoleCheck(DeployedStack stack, Collection<RecordedRequest> requests) {
        this.stack = stack;
        stack.resourceTypes().forEach((id, type) -> {
            if ("AWS::Serverless::Function".equals(type)) {
                List<PolicyStatement> statements = RolePolicies.of(stack, id);
                roles.put(id, statements);
                List<Grant> functionGrants = new ArrayList<>();
                for (PolicyStatement statement : statements) {
                    for (String action : statement.actions()) {
                        functionGrants.add(new Grant(id, statement, action, new TreeSet<>()));
                    }
                }
                grants.put(id, functionGrants);
            }
        });
        requests.forEach(this::evaluate);
    }

    private void evaluate(RecordedRequest request) {
        List<PolicyStatement> role = roles.get(request.function());
        if (role == null) {
            denials.add(request.function() + ": not a function of the template, yet it made " + request.describe());
            return;
        }
        String arn;
        try {
            arn = resourceArn(request);
        } catch (IllegalArgumentException e) {
            denials.add(request.function() + ": " + request.describe() + ": " + e.getMessage());
            return;
        }
        Map<String, List<String>> context = request.leadingKey() == null ? Map.of()
                : Map.of("dynamodb:LeadingKeys", List.of(request.leadingKey()));
        Authorisation authorisation = new Authorisation(request, request.action(), arn, context);
        List<PolicyStatement> allowing = PolicyEvaluator.allowing(authorisation, role);
        if (allowing.isEmpty()) {
            denials.add(request.function() + " is denied " + request.describe() + ": "
                    + PolicyEvaluator.whyDenied(authorisation, role));
            return;
        }
        for (Grant grant : grants.get(request.function())) {
            if (allowing.contains(grant.statement()) && PolicyEvaluator.actionMatches(grant.action(), request.action())) {
                grant.neededBy().add(request.operation());
            }
        }
    }

    /** The ARN IAM would see for the request's resource in the deployed stack. */
    String resourceArn(RecordedRequest request) {
        String name = request.resourceName();
        if (request.resourceType().equals("*")) {
            return "*";
        }
        if (request.resourceType().equals("bus") && name.equals("default")) {
            return DeployedStack.arn("events", "event-bus/default");
        }
        String type = stack.resourceTypes().get(name);
        if (type == null) {
            throw new IllegalArgumentException(request.resourceType() + " " + name + " is not a resource of template.yaml");
        }
        return switch (request.resourceType()) {
            case "table" -> stack.attribute(name + ".Arn");
            case "index" -> stack.attribute(name + ".Arn") + "/index/" + request.subresource();
            case "stream" -> stack.attribute(name + ".StreamArn");
            case "queue", "bus" -> stack.attribute(name + ".Arn");
            default -> throw new IllegalArgumentException("unknown resource type " + request.resourceType());
        };
    }

    List<String> denials() {
        return denials;
    }

    /** Template actions no recorded request needed. */
    List<String> drift() {
        List<String> warnings = new ArrayList<>();
        grants.values().forEach(list -> list.forEach(grant -> {
            if (grant.statement().fromTemplate() && grant.neededBy().isEmpty()) {
                warnings.add(grant.function() + ": " + grant.action() + " on " + grant.statement().resourceText()
                        + " is never needed by a recorded request (least-privilege drift)");
            }
        }));
        return warnings;
    }

    Map<String, List<Grant>> grants() {
        return grants;
    }

    Map<String, List<PolicyStatement>> roles() {
        return roles;
    }
}
