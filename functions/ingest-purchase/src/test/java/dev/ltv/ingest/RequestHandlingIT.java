package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.testing.RecordingContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static dev.ltv.ingest.IngestFixture.assertClean;
import static dev.ltv.ingest.IngestFixture.assertError;
import static dev.ltv.ingest.IngestFixture.assertStatus;
import static dev.ltv.ingest.IngestFixture.json;
import static dev.ltv.ingest.IngestFixture.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What reaches the handler before the domain: media type, size, encoding, JSON syntax, routes, failures. */
class RequestHandlingIT {

    private final IngestFixture fx = new IngestFixture();
    private static final String ONE = purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "");

    private APIGatewayV2HTTPResponse post(String contentType, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = IngestFixture.request("POST", "/purchases", IngestFixture.POST, body, contentType, null);
        event.setIsBase64Encoded(base64);
        return fx.invoke(event);
    }

    @Test
    void aWrongContentTypeIs415AndWritesNothing() {
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", null, post("text/plain", ONE, false));
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", null, post(null, ONE, false));
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", null, fx.invoke(IngestFixture.request("PATCH",
                "/customers/c-1/purchases/p-1", IngestFixture.PATCH, "{\"amount\":1}", "text/plain",
                Map.of("customerId", "c-1", "purchaseId", "p-1"))));
        fx.assertNothingWritten();
    }

    @Test
    void aQueryParameterOnAWriteIs400AndWritesNothing() {
        // a client that believes ?dryRun=true or ?validateOnly=1 changes what happens must not get a write instead
        APIGatewayV2HTTPEvent post = IngestFixture.request("POST", "/purchases", IngestFixture.POST, ONE, "application/json", null);
        withQuery(post, "dryRun", "true");
        assertError(400, "UNKNOWN_PARAMETER", "dryRun", fx.invoke(post));
        fx.assertNothingWritten();

        assertStatus(201, fx.post(ONE));
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored = fx.item("c-1", "p-1");
        APIGatewayV2HTTPEvent patch = IngestFixture.request("PATCH", "/customers/c-1/purchases/p-1", IngestFixture.PATCH,
                "{\"amount\":12}", "application/json", Map.of("customerId", "c-1", "purchaseId", "p-1"));
        withQuery(patch, "validateOnly", "");
        assertError(400, "UNKNOWN_PARAMETER", "validateOnly", fx.invoke(patch));
        APIGatewayV2HTTPEvent delete = IngestFixture.request("DELETE", "/customers/c-1/purchases/p-1", IngestFixture.DELETE,
                null, null, Map.of("customerId", "c-1", "purchaseId", "p-1"));
        withQuery(delete, "force", "1");
        assertError(400, "UNKNOWN_PARAMETER", "force", fx.invoke(delete));
        assertEquals(stored, fx.item("c-1", "p-1"));
        assertEquals(1, fx.purchases().size());
    }

    private static void withQuery(APIGatewayV2HTTPEvent event, String name, String value) {
        event.setQueryStringParameters(Map.of(name, value));
        event.setRawQueryString(name + "=" + value);
    }

    @Test
    void anOversizedBodyIs413AndWritesNothing() {
        String big = purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "\"channel\":\"web\"" + " ".repeat(RequestBody.MAX_BYTES));
        assertError(413, "PAYLOAD_TOO_LARGE", null, post("application/json", big, false));
        fx.assertNothingWritten();
    }

    @Test
    void aBase64BodyIsDecoded() {
        String encoded = Base64.getEncoder().encodeToString(
                purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "\"channel\":\"boutique-éè\"").getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response = post("application/json; charset=utf-8", encoded, true);
        assertStatus(201, response);
        assertEquals("boutique-éè", fx.item("c-1", "p-1").get("channel").s());
    }

    @Test
    void invalidJsonIs400WithThePosition() {
        APIGatewayV2HTTPResponse response = post("application/json", "{\"purchaseId\": \"p-1\",\n \"amount\": 10,,}", false);
        assertError(400, "INVALID_JSON", null, response);
        assertTrue(json(response).get("error").get("message").asText().contains("line 2, column"), response.getBody());

        assertError(400, "INVALID_JSON", null, post("application/json", ONE + " {}", false));
        assertError(400, "INVALID_JSON", null, post("application/json",
                "{\"purchaseId\":\"p-1\",\"purchaseId\":\"p-2\"}", false));
        fx.assertNothingWritten();
    }

    @Test
    void aNumberWhoseExponentOverflowsIsInvalidJsonWherever() {
        String overflow = "1e-2147483648";
        for (String body : new String[] {
                purchase("c-1", "p-1", overflow, "2026-11-01T10:00:00Z", ""),
                purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "\"metadata\":{\"n\":" + overflow + "}"),
                purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "\"channel\":" + overflow),
                purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "\"unknown\":" + overflow),
                "{\"purchases\":[" + purchase("c-1", "p-1", overflow, "2026-11-01T10:00:00Z", "") + "]}",
                overflow,
                "[" + overflow + "]"}) {
            assertError(400, "INVALID_JSON", null, post("application/json", body, false));
        }
        assertError(400, "INVALID_JSON", null, fx.patch("c-1", "p-1", "{\"amount\": " + overflow + "}"));
        fx.assertNothingWritten();
    }

    @Test
    void aMetadataNumberWithTheSmallestScaleIsAnInvalidField() {
        for (String number : new String[] {"1e2147483648", "-1e2147483648", "1E+2147483648", "1e2147483647", "1e-2147483647"}) {
            APIGatewayV2HTTPResponse response = post("application/json",
                    purchase("c-1", "p-1", "10", "2026-11-01T10:00:00Z", "\"metadata\":{\"n\":" + number + "}"), false);
            assertError(400, "INVALID_FIELD", "metadata.n", response);
        }
        fx.assertNothingWritten();
    }

    @Test
    void theBodyMustBeAnObject() {
        assertError(400, "INVALID_BODY", null, post("application/json", "[" + ONE + "]", false));
        assertError(400, "INVALID_BODY", null, post("application/json", "\"p-1\"", false));
        assertError(400, "EMPTY_BODY", null, post("application/json", "", false));
        fx.assertNothingWritten();
    }

    @Test
    void anUnknownRouteIs404() {
        assertError(404, "ROUTE_NOT_FOUND", null, fx.invoke(IngestFixture.request("GET", "/purchases", "GET /purchases",
                null, null, null)));
    }

    @Test
    void aCatchAllRouteIsServedByMethodAndPath() {
        assertStatus(201, fx.invoke(IngestFixture.request("POST", "/purchases", "$default", ONE, "application/json", null)));
        assertStatus(200, fx.invoke(IngestFixture.request("DELETE", "/customers/c-1/purchases/p-1", "$default", null, null, null)));
        assertEquals(0, fx.purchases().size());
    }

    @Test
    void anUnexpectedFailureIsALogged500WithoutDetails() {
        LtvConfig missingTable = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "no-such-table", "LTV_TABLE", "no-such-ltv")));
        IngestPurchaseHandler handler = new IngestPurchaseHandler(missingTable, fx.dynamo.client(), fx.clock);
        RecordingContext context = new RecordingContext("9f1c2e4a-req");

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                IngestFixture.request("POST", "/purchases", IngestFixture.POST, ONE, "application/json", null), context);

        assertClean(response);
        assertError(500, "INTERNAL_ERROR", null, response);
        assertTrue(response.getBody().contains("9f1c2e4a-req"), response.getBody());
        assertTrue(!response.getBody().contains("no-such-table"), response.getBody());
        String log = context.log();
        assertTrue(log.contains("requestId=9f1c2e4a-req") && log.contains("ResourceNotFoundException"), log);
    }

    @Test
    void throttlingThatOutlastsTheSdkRetriesIs503() {
        // a real client to DynamoDB Local whose every call fails as a throttled one would after the SDK's retries
        ExecutionInterceptor throttle = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(BeforeTransmission context, ExecutionAttributes attributes) {
                throw ProvisionedThroughputExceededException.builder().message("throughput exceeded").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                .serviceName("DynamoDb").build())
                        .build();
            }
        };
        try (DynamoDbClient throttled = DynamoDbClient.builder()
                .endpointOverride(fx.dynamo.endpoint())
                .region(Region.of(LocalDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY, LocalDynamoDb.ACCESS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(throttle))
                .build()) {
            IngestPurchaseHandler handler = new IngestPurchaseHandler(fx.config, throttled, fx.clock);
            RecordingContext context = new RecordingContext("b7d0-req");

            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    IngestFixture.request("POST", "/purchases", IngestFixture.POST, ONE, "application/json", null), context);

            assertClean(response);
            assertEquals(503, response.getStatusCode(), () -> response.getBody() + context.lines());
            assertError(503, "SERVICE_UNAVAILABLE", null, response);
            assertTrue(context.log().contains("throttled"), context::log);
        }
        fx.assertNothingWritten();
    }

    /** A Lambda context that keeps what the handler logs. */

}
