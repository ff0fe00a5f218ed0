package dev.ltv.dynamodblocal;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDynamoDbIT {

    @Test
    void createsTheTemplateTablesWithKeysStreamAndTtl() {
        LocalDynamoDb dynamo = LocalDynamoDb.shared();
        Map<String, String> tables = dynamo.createTables("it-" + System.nanoTime() + "-");

        assertEquals(java.util.Set.of("PurchasesTable", "LtvTable"), tables.keySet());
        DescribeTableResponse purchases = dynamo.client().describeTable(r -> r.tableName(tables.get("PurchasesTable")));
        assertEquals("customerId", purchases.table().keySchema().stream()
                .filter(k -> k.keyType() == KeyType.HASH).findFirst().orElseThrow().attributeName());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, purchases.table().streamSpecification().streamViewType());
        assertTrue(purchases.table().latestStreamArn().contains(tables.get("PurchasesTable")));

        String ttl = dynamo.client().describeTimeToLive(r -> r.tableName(tables.get("LtvTable")))
                .timeToLiveDescription().attributeName();
        assertEquals("expiresAt", ttl);
    }
}
