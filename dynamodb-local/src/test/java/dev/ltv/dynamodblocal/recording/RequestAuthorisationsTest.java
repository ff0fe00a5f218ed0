package dev.ltv.dynamodblocal.recording;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The authorisations IAM checks for a request, as the recorder derives them. */
class RequestAuthorisationsTest {

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static RecordedRequest expected(String operation, String action, String table, String leadingKey) {
        return new RecordedRequest("F", operation, action, "table", table, null, leadingKey);
    }

    @Test
    void aTransactionNeedsEachItemsActionWithItsPartitionKey() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().update(Update.builder().tableName("ltv-LtvTable-1X").key(key("CUSTOMER#a", "STATE")).build()).build(),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("t-PurchasesTable")
                        .key(Map.of("customerId", AttributeValue.fromS("a"), "purchaseId", AttributeValue.fromS("p"))).build()).build())
                .build();
        assertEquals(List.of(
                        expected("TransactWriteItems", "dynamodb:UpdateItem", "LtvTable", "CUSTOMER#a"),
                        expected("TransactWriteItems", "dynamodb:ConditionCheckItem", "PurchasesTable", "a")),
                RequestAuthorisations.of("F", "DynamoDb", "TransactWriteItems", request, it -> null));
    }

    @Test
    void aBatchWriteNeedsBatchWriteItemForEachItem() {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder().requestItems(Map.of("LtvTable", List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(key("COMPANY#01", "TOTALS")).build()).build(),
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("MODEL#CLV", "LATEST")).build()).build())))
                .build();
        assertEquals(List.of(
                        expected("BatchWriteItem", "dynamodb:BatchWriteItem", "LtvTable", "COMPANY#01"),
                        expected("BatchWriteItem", "dynamodb:BatchWriteItem", "LtvTable", "MODEL#CLV")),
                RequestAuthorisations.of("F", "DynamoDb", "BatchWriteItem", request, it -> null));
    }

    @Test
    void aQueryNamesThePartitionKeyOfItsKeyCondition() {
        QueryRequest request = QueryRequest.builder().tableName("q-LtvTable")
                .keyConditionExpression("#sk BETWEEN :from AND :to AND #pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUSTOMER#b"), ":from", AttributeValue.fromS("DAY#"),
                        ":to", AttributeValue.fromS("DAY#~")))
                .build();
        assertEquals(List.of(expected("Query", "dynamodb:Query", "LtvTable", "CUSTOMER#b")),
                RequestAuthorisations.of("F", "DynamoDb", "Query", request, it -> null));
        QueryRequest onIndex = request.toBuilder().indexName("byValue").build();
        assertEquals(List.of(new RecordedRequest("F", "Query", "dynamodb:Query", "index", "LtvTable", "byValue", null)),
                RequestAuthorisations.of("F", "DynamoDb", "Query", onIndex, it -> null));
    }

    @Test
    void anyOtherOperationIsItsOwnActionOnTheResourceItNames() {
        assertEquals(List.of(new RecordedRequest("F", "DescribeTable", "dynamodb:DescribeTable", "table", "other-table", null, null)),
                RequestAuthorisations.of("F", "DynamoDb", "DescribeTable", DescribeTableRequest.builder().tableName("other-table").build(),
                        it -> null));
    }
}
