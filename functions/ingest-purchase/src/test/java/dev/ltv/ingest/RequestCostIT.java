package dev.ltv.ingest;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.purchase;
import static dev.ltv.ingest.IngestFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DynamoDB requests each kind of write costs, counted on a real client to DynamoDB Local. */
class RequestCostIT {

    private final IngestFixture fx = new IngestFixture();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final DynamoDbClient counting = DynamoDbClient.builder()
            .endpointOverride(fx.dynamo.endpoint())
            .region(Region.of(LocalDynamoDb.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY, LocalDynamoDb.ACCESS_KEY)))
            .httpClientBuilder(ApacheHttpClient.builder())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(BeforeTransmission context, ExecutionAttributes attributes) {
                    calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            }))
            .build();
    private final IngestPurchaseHandler handler = new IngestPurchaseHandler(fx.config, counting, fx.clock);

    @AfterEach
    void close() {
        counting.close();
    }

    private List<String> callsFor(String body) {
        calls.clear();
        handler.handleRequest(IngestFixture.request("POST", "/purchases", IngestFixture.POST, body, "application/json", null), null);
        return List.copyOf(calls);
    }

    @Test
    void aNewPurchaseADuplicateAndAConflictEachCostOnePut() {
        String body = purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "");
        assertEquals(List.of("PutItem"), callsFor(body));
        // the stored item comes back with the failed condition: no second request to tell duplicate from conflict
        assertEquals(List.of("PutItem"), callsFor(body));
        assertEquals(List.of("PutItem"), callsFor(body.replace("\"amount\":10", "\"amount\":11")));
    }

    @Test
    void aRefundCostsTwoReadsAndOneTransaction() {
        assertStatus(201, fx.post(purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "")));
        assertEquals(List.of("GetItem", "GetItem", "TransactWriteItems"),
                callsFor(refund("c-1", "r-1", "p-1", "4", "2026-11-02T10:00:00Z")));
        assertEquals(List.of("GetItem"), callsFor(refund("c-1", "r-1", "p-1", "4", "2026-11-02T10:00:00Z")));
    }
}
