package dev.ltv.recalc;

import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;

import java.util.HashMap;
import java.util.Map;

/** Fresh tables from template.yaml on the shared DynamoDB Local, and a configuration pointing at them. */
record TestEnvironment(LocalDynamoDb dynamo, Map<String, String> tables, LtvConfig config) {

    static TestEnvironment create(String name) {
        LocalDynamoDb dynamo = LocalDynamoDb.shared();
        Map<String, String> tables = dynamo.createTables(name + "-" + System.nanoTime() + "-");
        Map<String, String> env = new HashMap<>();
        env.put("PURCHASES_TABLE", tables.get("PurchasesTable"));
        env.put("LTV_TABLE", tables.get("LtvTable"));
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        return new TestEnvironment(dynamo, tables, LtvConfig.from(Env.of(env)));
    }

    String streamArn() {
        return dynamo.client().describeTable(r -> r.tableName(tables.get("PurchasesTable"))).table().latestStreamArn();
    }
}
