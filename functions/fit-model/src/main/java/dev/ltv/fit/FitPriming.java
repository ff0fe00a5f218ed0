package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.config.LtvConfig;
import dev.ltv.snapstart.PrimingServer;
import dev.ltv.snapstart.SampleData;
import dev.ltv.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /model/fit} on a made-up table of one customer before a SnapStart snapshot: the request, the pass's
 * steps (scan, partials written and read back), the refusal (too little data), its record and the answer. A handler of its own, over the real client type
 * talking to a stand-in DynamoDB on the loopback interface ({@link PrimingServer}). The numeric fit itself is not
 * primed: it runs for seconds and compiles as it goes.
 */
final class FitPriming {

    private FitPriming() {
    }

    private static String key(JsonNode item) {
        return item.path("pk").path("S").asText() + "\n" + item.path("sk").path("S").asText();
    }

    /** Runs the request; returns the response (200 with INSUFFICIENT_DATA when the path works). */
    static APIGatewayV2HTTPResponse prime(LtvConfig config) {
        // the pass's steps read back what they wrote (PassStore): the stand-in keeps the items put, by key
        Map<String, String> items = new ConcurrentHashMap<>();
        PrimingServer.Answers answers = (operation, request) -> switch (operation) {
            case "Scan" -> "{\"Items\":[" + SampleData.STATE_ITEM + "],\"Count\":1,\"ScannedCount\":1}";
            case "PutItem" -> {
                JsonNode item = Json.readClientBody(request).path("Item");
                items.put(key(item), item.toString());
                yield "{}";
            }
            case "GetItem" -> {
                String item = items.get(key(Json.readClientBody(request).path("Key")));
                yield item == null ? "{}" : "{\"Item\":" + item + "}";
            }
            default -> "{}";
        };
        try (PrimingServer standIn = PrimingServer.start(answers);
             DynamoDbClient dynamo = DynamoDbClients.forPriming(config, standIn.endpoint())) {
            return new FitModelHandler(config, dynamo).handleRequest(
                    SampleData.http(FitModelHandler.ROUTE, "/model/fit", null, "", "{\"unit\": \"weeks\"}"), null);
        }
    }
}
