package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.LtvConfig;
import dev.ltv.snapstart.PrimingServer;
import dev.ltv.snapstart.SampleData;
import dev.ltv.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;
import java.util.Map;

/**
 * Both query routes on made-up data before a SnapStart snapshot: a customer's LTV with overrides and a fitted
 * model (GetItem, the classic and predictive breakdowns, the JSON writer) and the company metrics
 * (BatchGetItem). A handler of its own, over the real client type talking to a stand-in DynamoDB on the loopback
 * interface ({@link PrimingServer}): the real handler's caches and client stay untouched.
 */
final class QueryPriming {

    private QueryPriming() {
    }

    /** Runs the requests; returns the responses (both 200 when the path works). */
    static List<APIGatewayV2HTTPResponse> prime(LtvConfig config) {
        PrimingServer.Answers answers = (operation, request) -> switch (operation) {
            case "GetItem" -> SampleData.getItem(request.contains("MODEL#") ? SampleData.MODEL_ITEM : SampleData.STATE_ITEM);
            case "BatchGetItem" -> SampleData.batchGet(config.ltvTable(), SampleData.COMPANY_ITEM);
            default -> "{}";
        };
        try (PrimingServer standIn = PrimingServer.start(answers);
             DynamoDbClient dynamo = DynamoDbClients.forPriming(config, standIn.endpoint())) {
            QueryLtvHandler handler = new QueryLtvHandler(config, dynamo);
            APIGatewayV2HTTPResponse customer = handler.handleRequest(SampleData.http("GET /customers/{customerId}/ltv",
                    "/customers/" + SampleData.CUSTOMER_ID + "/ltv", Map.of("customerId", SampleData.CUSTOMER_ID),
                    "grossMargin=0.4&acquisitionCost=25", null), null);
            APIGatewayV2HTTPResponse metrics = handler.handleRequest(
                    SampleData.http("GET /metrics", "/metrics", null, "", null), null);
            return List.of(customer, metrics);
        }
    }
}
