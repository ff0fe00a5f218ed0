package dev.ltv.local.template;

import java.net.URI;
import java.util.Map;

/**
 * What the template's references point to when it runs locally instead of in a CloudFormation stack.
 *
 * @param tableNames       table logical id → local table name
 * @param dynamoDbEndpoint the local DynamoDB endpoint, given to every function as DYNAMODB_ENDPOINT
 * @param region           the region the local stack pretends to be in
 */
public record LocalBindings(Map<String, String> tableNames, URI dynamoDbEndpoint, String region) {

    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "ltv-local";

    public LocalBindings {
        tableNames = Map.copyOf(tableNames);
    }
}
