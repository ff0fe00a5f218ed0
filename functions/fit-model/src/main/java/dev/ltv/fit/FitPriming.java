package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.LtvConfig;
import dev.ltv.snapstart.PrimingServer;
import dev.ltv.snapstart.SampleData;
import dev.ltv.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /model/fit} on a made-up table of one customer before a SnapStart snapshot: the request, the scan,
 * the refusal (too little data), its record and the answer. A handler of its own, over the real client type
 * talking to a stand-in DynamoDB on the loopback interface ({@link PrimingServer}). The numeric fit itself is not
 * primed: it runs for seconds and compiles as it goes.
 */
final class FitPriming {

    private FitPriming() {
    }

    /** Runs the request; returns the response (200 with INSUFFICIENT_DATA when the path works). */
    static APIGatewayV2HTTPResponse prime(LtvConfig config) {
        PrimingServer.Answers answers = (operation, request) -> switch (operation) {
            case "Scan" -> "{\"Items\":[" + SampleData.STATE_ITEM + "],\"Count\":1,\"ScannedCount\":1}";
            default -> "{}";
        };
        try (PrimingServer standIn = PrimingServer.start(answers);
             DynamoDbClient dynamo = DynamoDbClients.forPriming(config, standIn.endpoint())) {
            return new FitModelHandler(config, dynamo).handleRequest(
                    SampleData.http(FitModelHandler.ROUTE, "/model/fit", null, "", "{\"unit\": \"weeks\"}"), null);
        }
    }
}
