package dev.ltv.local.permissions;

import dev.ltv.dynamodblocal.recording.RecordedRequest;
import dev.ltv.local.permissions.PolicyEvaluator.Authorisation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IAM's evaluation rules as the permission check applies them. */
class PolicyEvaluatorTest {

    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/ltv-LtvTable-X";
    private static final PolicyStatement WRITES = new PolicyStatement("template", "Allow", List.of("dynamodb:PutItem"),
            List.of(TABLE), "LtvTable.Arn", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("MODEL#*"))));
    private static final PolicyStatement READS = new PolicyStatement("template", "Allow", List.of("dynamodb:Get*", "dynamodb:Query"),
            List.of(TABLE), "LtvTable.Arn", Map.of());

    private static Authorisation request(String action, String arn, String leadingKey) {
        RecordedRequest recorded = new RecordedRequest("F", action.substring(action.indexOf(':') + 1), action, "table", "LtvTable", null, leadingKey);
        return new Authorisation(recorded, action, arn, leadingKey == null ? Map.of() : Map.of("dynamodb:LeadingKeys", List.of(leadingKey)));
    }

    @Test
    void actionsMatchWithWildcardsAndIgnoringCase() {
        assertEquals(List.of(READS), PolicyEvaluator.allowing(request("dynamodb:GetItem", TABLE, "CUSTOMER#a"), List.of(READS)));
        assertEquals(List.of(READS), PolicyEvaluator.allowing(request("DynamoDB:getitem", TABLE, null), List.of(READS)));
        assertEquals(List.of(), PolicyEvaluator.allowing(request("dynamodb:Scan", TABLE, null), List.of(READS)));
        assertTrue(PolicyEvaluator.whyDenied(request("dynamodb:Scan", TABLE, null), List.of(READS))
                .startsWith("no statement allows dynamodb:Scan (missing: dynamodb:Scan on " + TABLE + ")"));
    }

    @Test
    void anIndexNeedsItsOwnResource() {
        String index = TABLE + "/index/byValue";
        assertEquals(List.of(), PolicyEvaluator.allowing(request("dynamodb:Query", index, "x"), List.of(READS)));
        assertEquals("dynamodb:Query is allowed only on [" + TABLE + "] (missing: dynamodb:Query on " + index + ")",
                PolicyEvaluator.whyDenied(request("dynamodb:Query", index, "x"), List.of(READS)));
        PolicyStatement withIndexes = new PolicyStatement("template", "Allow", List.of("dynamodb:Query"),
                List.of(TABLE, TABLE + "/index/*"), "", Map.of());
        assertEquals(List.of(withIndexes), PolicyEvaluator.allowing(request("dynamodb:Query", index, "x"), List.of(withIndexes)));
    }

    @Test
    void leadingKeysConditionsFollowIamsSetOperators() {
        assertEquals(List.of(WRITES), PolicyEvaluator.allowing(request("dynamodb:PutItem", TABLE, "MODEL#CLV"), List.of(WRITES)));
        assertEquals(List.of(), PolicyEvaluator.allowing(request("dynamodb:PutItem", TABLE, "CUSTOMER#a"), List.of(WRITES)));
        assertTrue(PolicyEvaluator.whyDenied(request("dynamodb:PutItem", TABLE, "CUSTOMER#a"), List.of(WRITES))
                .contains("is allowed only where [dynamodb:LeadingKeys ForAllValues:StringLike MODEL#*]"));
        // ForAllValues holds for a request with no key at all (IAM's rule: a Scan passes it), ForAnyValue does not
        assertTrue(PolicyEvaluator.conditionHolds("ForAllValues:StringLike", Optional.empty(), List.of("MODEL#*")));
        assertFalse(PolicyEvaluator.conditionHolds("ForAnyValue:StringLike", Optional.empty(), List.of("MODEL#*")));
        assertFalse(PolicyEvaluator.conditionHolds("StringLike", Optional.empty(), List.of("MODEL#*")));
        assertTrue(PolicyEvaluator.conditionHolds("StringEquals", Optional.of(List.of("a")), List.of("a", "b")));
        assertFalse(PolicyEvaluator.conditionHolds("NumericLessThan", Optional.of(List.of("1")), List.of("2")));
    }

    @Test
    void anExplicitDenyWins() {
        PolicyStatement deny = new PolicyStatement("template", "Deny", List.of("dynamodb:*"), List.of("*"), "*", Map.of());
        assertEquals(List.of(), PolicyEvaluator.allowing(request("dynamodb:GetItem", TABLE, null), List.of(READS, deny)));
    }
}
