package dev.ltv.query;

import dev.ltv.testing.RecordingContext;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures that are not the client's: what the client gets (fixed messages) and what the log gets. */
class QueryFailuresIT {

    @Test
    void throttlingThatOutlastsTheSdkRetriesIs503() {
        QueryFixture fx = new QueryFixture("throttled");
        // a real client to DynamoDB Local whose every call fails as a throttled call does after the SDK's retries
        ExecutionInterceptor throttle = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(BeforeTransmission context, ExecutionAttributes attributes) {
                throw ProvisionedThroughputExceededException.builder().message("throughput exceeded").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .serviceName("DynamoDb").build())
                        .build();
            }
        };
        try (DynamoDbClient throttled = client(fx.dynamo, throttle)) {
            QueryLtvHandler handler = new QueryLtvHandler(fx.config, throttled, Clock.fixed(QueryFixture.NOW, ZoneOffset.UTC));
            for (String file : new String[]{"query-hit.json", "query-metrics.json"}) {
                RecordingContext context = new RecordingContext("req-503-" + file);
                APIGatewayV2HTTPResponse response = handler.handleRequest(event(file), context);
                QueryFixture.assertClean(response);
                assertError(503, "SERVICE_UNAVAILABLE", null, response);
                assertTrue(response.getBody().contains("req-503-" + file), response::getBody);
                assertTrue(context.log().contains("requestId=req-503-" + file) && context.log().contains("throttled"), context::log);
            }
        }
    }

    @Test
    void aFailureOfOursIsALogged500WithAFixedMessage() {
        QueryFixture fx = new QueryFixture("broken");
        // a deployment mistake: the configured table does not exist (DynamoDB answers ResourceNotFoundException)
        LtvConfig wrongTable = LtvConfig.from(Env.of(Map.of(
                "PURCHASES_TABLE", fx.config.purchasesTable(),
                "LTV_TABLE", "no-such-table-" + System.nanoTime(),
                "DYNAMODB_ENDPOINT", fx.dynamo.endpoint().toString())));
        QueryLtvHandler handler = new QueryLtvHandler(wrongTable, fx.dynamo.client());
        RecordingContext context = new RecordingContext("req-500");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("query-hit.json"), context);

        QueryFixture.assertClean(response);
        assertError(500, "INTERNAL_ERROR", null, response);
        assertTrue(response.getBody().contains("req-500"), response::getBody);
        assertFalse(response.getBody().contains("no-such-table"), response::getBody);
        // the details go to the log, with the request id the client was given
        assertTrue(context.log().contains("requestId=req-500") && context.log().contains("ResourceNotFoundException"), context::log);
    }

    @Test
    void aMissingEventIsA404NotACrash() {
        QueryFixture fx = new QueryFixture("null-event");
        APIGatewayV2HTTPResponse response = fx.handler.handleRequest(null, null);
        QueryFixture.assertClean(response);
        assertEquals(404, response.getStatusCode());
    }

    private static DynamoDbClient client(LocalDynamoDb dynamo, ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint())
                .region(Region.of(LocalDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY, LocalDynamoDb.ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // the interceptor stands for the state after the retries: retrying it again only costs minutes
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
