package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.LtvConfig;
import dev.ltv.snapstart.PrimingServer;
import dev.ltv.snapstart.SampleData;
import dev.ltv.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

/**
 * {@code POST /purchases} on made-up purchases before a SnapStart snapshot: one purchase (validation, the
 * conditional PutItem, the 201 answer), a batch of two (the parallel writes, the per-item results) and an invalid
 * body (the 400 with its field errors). A handler of its own, over the real client type talking to a stand-in
 * DynamoDB on the loopback interface ({@link PrimingServer}) that answers every write with success.
 */
final class IngestPriming {

    private static final String PURCHASE = """
            {"purchaseId": "priming-1", "customerId": "%s", "amount": 100.00, "currency": "%s",
             "purchasedAt": "2026-01-10T10:00:00Z", "channel": "web", "metadata": {"campaign": "priming"}}""";
    private static final String BATCH = """
            {"purchases": [
             {"purchaseId": "priming-2", "customerId": "%1$s", "amount": "50.00", "currency": "%2$s", "purchasedAt": "2026-03-01T09:30:00Z"},
             {"purchaseId": "priming-3", "customerId": "%1$s", "amount": 30, "currency": "%2$s", "purchasedAt": "2026-06-30T18:00:00+02:00"}]}""";
    private static final String INVALID = """
            {"purchaseId": "priming-4", "customerId": "%s", "amount": -5, "currency": "XXX", "purchasedAt": "2026-01-10"}""";

    private IngestPriming() {
    }

    /** Runs the requests; returns the responses (201, 200, 400 when the path works). */
    static List<APIGatewayV2HTTPResponse> prime(LtvConfig config) {
        String currency = config.baseCurrency().getCurrencyCode();
        try (PrimingServer standIn = PrimingServer.start((operation, request) -> "{}");
             DynamoDbClient dynamo = DynamoDbClients.forPriming(config, standIn.endpoint())) {
            IngestPurchaseHandler handler = new IngestPurchaseHandler(config, dynamo);
            return List.of(
                    post(handler, PURCHASE.formatted(SampleData.CUSTOMER_ID, currency)),
                    post(handler, BATCH.formatted(SampleData.CUSTOMER_ID, currency)),
                    post(handler, INVALID.formatted(SampleData.CUSTOMER_ID)));
        }
    }

    private static APIGatewayV2HTTPResponse post(IngestPurchaseHandler handler, String body) {
        return handler.handleRequest(SampleData.http("POST /purchases", "/purchases", null, "", body), null);
    }
}
