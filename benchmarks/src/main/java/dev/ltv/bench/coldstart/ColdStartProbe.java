package dev.ltv.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs in a fresh JVM on a function's own shaded jar, as a Lambda container would: builds the handler through
 * its no-arg constructor (configuration from the environment, clients built once) and invokes it twice.
 * Prints one line: {@code coldstart <function> jvmToMainMs=… initMs=… firstInvokeMs=… secondInvokeMs=…}.
 * Only this class is added to the function's classpath: it uses nothing the function jar lacks.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String function = args[0];
        long mainAt = System.nanoTime();
        long jvmToMain = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Function<Integer, Object> invoke;
        long initStart = System.nanoTime();
        switch (function) {
            case "ingest" -> {
                var handler = new dev.ltv.ingest.IngestPurchaseHandler();
                invoke = i -> handler.handleRequest(http("POST /purchases", "/purchases", null, """
                        {"purchaseId": "cold-%s", "customerId": "cold-1", "amount": 12.50, "currency": "USD",
                         "purchasedAt": "2026-11-01T10:00:00Z"}""".formatted(UUID.randomUUID())), null);
            }
            case "query" -> {
                var handler = new dev.ltv.query.QueryLtvHandler();
                invoke = i -> handler.handleRequest(http("GET /customers/{customerId}/ltv", "/customers/cold-1/ltv",
                        Map.of("customerId", "cold-1"), null), null);
            }
            case "recalculate" -> {
                var handler = new dev.ltv.recalc.RecalculateLtvHandler();
                invoke = i -> handler.handleRequest(stream(), null);
            }
            default -> throw new IllegalArgumentException("unknown function " + function);
        }
        long initMs = (System.nanoTime() - initStart) / 1_000_000;
        long first = time(() -> invoke.apply(1));
        long second = time(() -> invoke.apply(2));
        System.out.printf("coldstart %s jvmToMainMs=%d initMs=%d firstInvokeMs=%d secondInvokeMs=%d totalMs=%d%n", function,
                jvmToMain, initMs, first, second, jvmToMain + (System.nanoTime() - mainAt) / 1_000_000 - second);
    }

    private static long time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static APIGatewayV2HTTPEvent http(String routeKey, String path, Map<String, String> pathParameters, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path).withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json"))
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString()).withRouteKey(routeKey).withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(routeKey.substring(0, routeKey.indexOf(' '))).withPath(path).build())
                        .build())
                .withBody(body).withIsBase64Encoded(false)
                .build();
    }

    private static DynamodbEvent stream() {
        String purchaseId = "cold-" + UUID.randomUUID();
        Map<String, AttributeValue> image = Map.of(
                "customerId", new AttributeValue().withS("cold-1"),
                "purchaseId", new AttributeValue().withS(purchaseId),
                "kind", new AttributeValue().withS("PURCHASE"),
                "amount", new AttributeValue().withN("12.50"),
                "currency", new AttributeValue().withS("USD"),
                "purchasedAt", new AttributeValue().withS("2026-11-01T10:00:00Z"),
                "day", new AttributeValue().withS("2026-11-01"),
                "refundedAmount", new AttributeValue().withN("0"));
        StreamRecord stream = new StreamRecord();
        stream.setKeys(Map.of("customerId", image.get("customerId"), "purchaseId", image.get("purchaseId")));
        stream.setNewImage(image);
        stream.setSequenceNumber("1");
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString());
        record.setEventName("INSERT");
        record.setDynamodb(stream);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
