package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.LtvConfig;
import dev.ltv.snapstart.PrimingHttpClient;
import dev.ltv.snapstart.SampleData;
import dev.ltv.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /model/fit} on a made-up table of one customer before a SnapStart snapshot: the request, the scan,
 * the refusal (too little data), its record and the answer. A handler of its own, over a DynamoDB client that
 * answers from memory. The numeric fit itself is not primed: it runs for seconds and compiles as it goes.
 */
final class FitPriming {

    private FitPriming() {
    }

    /** Runs the request; returns the response (200 with INSUFFICIENT_DATA when the path works). */
    static APIGatewayV2HTTPResponse prime(LtvConfig config) {
        PrimingHttpClient http = new PrimingHttpClient((operation, request) -> switch (operation) {
            case "Scan" -> "{\"Items\":[" + SampleData.STATE_ITEM + "],\"Count\":1,\"ScannedCount\":1}";
            default -> "{}";
        });
        try (DynamoDbClient dynamo = DynamoDbClients.forPriming(config, http)) {
            return new FitModelHandler(config, dynamo).handleRequest(
                    SampleData.http(FitModelHandler.ROUTE, "/model/fit", null, "", "{\"unit\": \"weeks\"}"), null);
        }
    }
}
