package dev.ltv.dynamodblocal.recording;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder attached to every SDK client (the global interceptor file): a function's requests are recorded
 * with the authorisations IAM checks; test code's are not. The requests here are ones FitModelFunction's role
 * allows, since PermissionsIT evaluates every module's recordings.
 */
class AwsRequestRecorderIT {

    private static final String FUNCTION = "FitModelFunction";

    @Test
    @SuppressWarnings("try") // the scope is only opened and closed
    void recordsTheFunctionsRequestsAsIamAuthorisesThem() throws Exception {
        assertTrue(AwsRequestRecorder.active(), "the build sets " + AwsRequestRecorder.FILE_PROPERTY);
        LocalDynamoDb dynamo = LocalDynamoDb.shared();
        String table = dynamo.createTables("recorder-" + System.nanoTime() + "-").get("LtvTable");
        Map<String, AttributeValue> model = Map.of("pk", AttributeValue.fromS("MODEL#CLV"), "sk", AttributeValue.fromS("VERSION#recorder"));

        dynamo.client().getItem(r -> r.tableName(table).key(model));
        assertTrue(mine().isEmpty(), "test code's own requests are nobody's: " + mine());

        try (var attribution = FunctionAttribution.actingAs(FUNCTION)) {
            dynamo.client().transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                    .put(Put.builder().tableName(table).item(model).build()).build()));
            // a thread the function's code starts (a parallel scan's pool) makes the function's requests too
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                CompletableFuture.runAsync(() -> dynamo.client().scan(r -> r.tableName(table).segment(0).totalSegments(1)), pool).join();
            } finally {
                pool.shutdown();
            }
        }
        assertTrue(mine().contains(new RecordedRequest(FUNCTION, "TransactWriteItems", "dynamodb:PutItem", "table", "LtvTable",
                null, "MODEL#CLV")), mine().toString());
        assertTrue(mine().contains(new RecordedRequest(FUNCTION, "Scan", "dynamodb:Scan", "table", "LtvTable", null, null)),
                mine().toString());
        assertEquals(2, mine().size(), mine().toString());
    }

    private static List<RecordedRequest> mine() {
        return AwsRequestRecorder.recorded().stream().filter(r -> r.function().equals(FUNCTION)).toList();
    }
}
