package dev.ltv.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltv.dynamodblocal.TemplateTables;
import dev.ltv.dynamodblocal.recording.AwsRequestRecorder;
import dev.ltv.dynamodblocal.recording.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Deployable on the first try: every AWS request the functions made in the test suite (recorded by
 * dev.ltv.dynamodblocal.recording in every module, this one last in the reactor) is allowed by the role
 * template.yaml gives the function. Runs after the local module's other integration tests (ClassOrderer in
 * junit-platform.properties), so the whole stack's requests are in.
 *
 * <p>Update the README's table after a change: {@code ./ltv test -pl local -am -Dltv.readme.update=true}.
 * Each test JVM rewrites its module's recordings when it exits, so after a module's tests ran with a filter
 * (-Dit.test=…) its file holds only those tests' requests: the table then differs until they run in full.
 * A full {@code ./ltv test} (as CI runs on a fresh clone) always compares the whole suite's requests.
 */
@Order(Integer.MAX_VALUE)
class PermissionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path repository;
    private static Recordings recordings;
    private static RoleCheck check;

    @BeforeAll
    static void evaluate() {
        repository = Repository.root();
        recordings = Recordings.load(repository);
        check = new RoleCheck(new DeployedStack(TemplateTables.from(repository.resolve("template.yaml")).tree()), recordings.requests());
        check.drift().forEach(warning -> System.out.println("WARNING permissions: " + warning));
    }

    @Test
    void everyRecordedRequestIsAllowedByItsFunctionsRole() {
        Set<String> recorded = recordings.requests().stream().map(RecordedRequest::function).collect(Collectors.toSet());
        assertEquals(check.roles().keySet(), recorded, "every function's requests are recorded (from " + recordings.files() + ")");
        List<String> denials = check.denials();
        assertTrue(denials.isEmpty(), () -> denials.size() + " recorded requests the deployed roles would deny"
                + (denials.size() > 20 ? " (the first 20)" : "") + ":\n  " + String.join("\n  ", denials.subList(0, Math.min(20, denials.size()))));
    }

    @Test
    void theReadmeListsEveryPermissionAndWhatNeedsIt() throws IOException {
        // the table says what the whole suite needs: with a function module's recordings missing (a module run
        // on its own after a clean) it cannot be compared
        TemplateWiring wiring = new TemplateWiring(TemplateTables.from(repository.resolve("template.yaml")).tree());
        for (String function : wiring.functions()) {
            Path module = wiring.sourceRoots(repository, function).get(0).getParent().getParent().getParent();
            assumeTrue(Files.isRegularFile(module.resolve("target/aws-requests/integration.jsonl")),
                    "no recordings of " + repository.relativize(module) + " (run it too, e.g. with -am)");
        }
        assumeFalse(AwsRequestRecorder.recorded().isEmpty(), "the local stack's tests did not run in this JVM");
        Path readme = repository.resolve("README.md");
        String current = Files.readString(readme);
        String expected = PermissionsTable.replaceIn(current, PermissionsTable.markdown(check));
        if (Boolean.getBoolean("ltv.readme.update")) {
            Files.writeString(readme, expected);
            return;
        }
        assertEquals(expected, current, "README.md's permissions table is stale: rerun with -Dltv.readme.update=true");
    }

    /** Without any one needed action (e.g. dynamodb:Query for the query), the check fails naming it. */
    @Test
    void removingAnyNeededActionFailsTheCheck() {
        int removals = 0;
        for (var grants : check.grants().values()) {
            for (RoleCheck.Grant grant : grants) {
                if (!grant.statement().fromTemplate() || grant.neededBy().isEmpty()) {
                    continue;
                }
                // an action another statement also grants (SAM's for the on-failure destination) stays allowed
                boolean grantedTwice = grants.stream().anyMatch(other -> other != grant && !other.neededBy().isEmpty()
                        && PolicyEvaluator.actionMatches(other.action(), grant.action()));
                if (grantedTwice) {
                    continue;
                }
                JsonNode template = TemplateTables.from(repository.resolve("template.yaml")).tree().deepCopy();
                removeAction(template, grant.function(), grant.action());
                List<String> denials = new RoleCheck(new DeployedStack(template), recordings.requests()).denials();
                String function = grant.function();
                assertTrue(denials.stream().anyMatch(d -> d.startsWith(function + " is denied ") && d.contains(grant.action())
                                && d.contains("no statement allows " + grant.action())),
                        "without " + grant.action() + ", " + function + " is denied: " + denials);
                removals++;
            }
        }
        assertTrue(removals > 0, "some template action is needed");
    }

    /** A LeadingKeys condition that no longer covers the keys written fails the check, naming the condition. */
    @Test
    void aNarrowerLeadingKeysConditionFailsTheCheck() {
        JsonNode template = TemplateTables.from(repository.resolve("template.yaml")).tree().deepCopy();
        List<String> narrowed = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            for (JsonNode statement : resource.getValue().path("Properties").path("Policies").findValues("Statement")) {
                for (JsonNode s : statement) {
                    s.path("Condition").properties().forEach(operator -> operator.getValue().properties().forEach(key -> {
                        if (key.getKey().equals("dynamodb:LeadingKeys")) {
                            ((ObjectNode) operator.getValue()).set(key.getKey(), JSON.createArrayNode().add("NOBODY#*"));
                            narrowed.add(resource.getKey());
                        }
                    }));
                }
            }
        });
        assertFalse(narrowed.isEmpty(), "the template has LeadingKeys conditions");
        List<String> denials = new RoleCheck(new DeployedStack(template), recordings.requests()).denials();
        for (String function : narrowed) {
            assertTrue(denials.stream().anyMatch(d -> d.startsWith(function + " is denied ") && d.contains("is allowed only where")
                    && d.contains("dynamodb:LeadingKeys ForAllValues:StringLike NOBODY#*")), function + ": " + denials);
        }
    }

    /**
     * The roles' statements as IAM policy documents, for the IAM linter that .ci/run runs: the template's and
     * SAM's, not the AWS managed policies (AWS's own, with their Resource "*").
     */
    @Test
    void writesTheRolesAsPolicyDocuments() throws IOException {
        Path folder = repository.resolve("local/target/iam-policies");
        Files.createDirectories(folder);
        for (var role : check.roles().entrySet()) {
            ObjectNode document = JSON.createObjectNode().put("Version", "2012-10-17");
            ArrayNode statements = document.putArray("Statement");
            List<PolicyStatement> linted = role.getValue().stream().filter(s -> !s.awsManaged()).toList();
            for (PolicyStatement statement : linted) {
                ObjectNode node = statements.addObject().put("Effect", statement.effect());
                statement.actions().forEach(node.putArray("Action")::add);
                statement.resources().forEach(node.putArray("Resource")::add);
                if (!statement.conditions().isEmpty()) {
                    node.set("Condition", JSON.valueToTree(statement.conditions()));
                }
            }
            Path file = folder.resolve(role.getKey() + ".json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            assertEquals(linted.size(), JSON.readTree(file.toFile()).path("Statement").size());
        }
    }

    private static void removeAction(JsonNode template, String function, String action) {
        for (JsonNode policy : template.path("Resources").path(function).path("Properties").path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode actions = statement.path("Action");
                if (actions.isArray()) {
                    for (int i = actions.size() - 1; i >= 0; i--) {
                        if (actions.get(i).asText().equals(action)) {
                            ((ArrayNode) actions).remove(i);
                        }
                    }
                } else if (actions.asText().equals(action)) {
                    ((ObjectNode) statement).set("Action", JSON.createArrayNode());
                }
            }
        }
    }
}
