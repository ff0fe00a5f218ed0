package dev.ltv.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs in a fresh JVM on a function's own shaded jar, as a Lambda container would: builds the handler through
 * its no-arg constructor (configuration from the environment, clients built once) and invokes it twice.
 * With {@code prime}, it then runs the handler's SnapStart priming (the org.crac resource the handler
 * registered, found in its field: a JVM without CRaC never calls it) before the first invocation, as Lambda does
 * before it takes the snapshot.
 * Prints one line: {@code coldstart <function> jvmToMainMs=… initMs=… primeMs=… firstInvokeMs=… secondInvokeMs=…}.
 * Only this class is added to the function's classpath (no nested classes): it uses nothing the function jar lacks.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String function = args[0];
        boolean prime = args.length > 1 && "prime".equals(args[1]);
        long mainAt = System.nanoTime();
        long jvmToMain = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Function<Integer, Object> invoke;
        Object handler;
        long initStart = System.nanoTime();
        switch (function) {
            case "ingest" -> {
                var ingest = new dev.ltv.ingest.IngestPurchaseHandler();
                handler = ingest;
                invoke = i -> ingest.handleRequest(http("POST /purchases", "/purchases", null, """
                        {"purchaseId": "cold-%s", "customerId": "cold-1", "amount": 12.50, "currency": "USD",
                         "purchasedAt": "2026-11-01T10:00:00Z"}""".formatted(UUID.randomUUID())), null);
            }
            case "query" -> {
                var query = new dev.ltv.query.QueryLtvHandler();
                handler = query;
                invoke = i -> query.handleRequest(http("GET /customers/{customerId}/ltv", "/customers/cold-1/ltv",
                        Map.of("customerId", "cold-1"), null), null);
            }
            case "recalculate" -> {
                var recalculate = new dev.ltv.recalc.RecalculateLtvHandler();
                handler = recalculate;
                invoke = i -> recalculate.handleRequest(stream(), null);
            }
            case "fit" -> {
                var fit = new dev.ltv.fit.FitModelHandler();
                handler = fit;
                invoke = i -> fit.handleRequest(http("POST /model/fit", "/model/fit", null, "{}"), null);
            }
            default -> throw new IllegalArgumentException("unknown function " + function);
        }
        long initMs = (System.nanoTime() - initStart) / 1_000_000;
        long primeMs = prime ? time(() -> {
            primingOf(handler).beforeCheckpoint(null);
            return null;
        }) : 0;
        long first = time(() -> invoke.apply(1));
        long second = time(() -> invoke.apply(2));
        System.out.printf("coldstart %s jvmToMainMs=%d initMs=%d primeMs=%d firstInvokeMs=%d secondInvokeMs=%d totalMs=%d%n",
                function, jvmToMain, initMs, primeMs, first, second,
                jvmToMain + (System.nanoTime() - mainAt) / 1_000_000 - second - primeMs);
    }

    /** The checkpoint resource the handler registered (and holds, as the CRaC context keeps it weakly). */
    private static org.crac.Resource primingOf(Object handler) {
        for (Field field : handler.getClass().getDeclaredFields()) {
            if (field.getType() == org.crac.Resource.class) {
                try {
                    field.setAccessible(true);
                    return (org.crac.Resource) field.get(handler);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(handler.getClass().getSimpleName() + " registers no priming");
    }


    private static long time(Callable<?> action) throws Exception {
        long start = System.nanoTime();
        action.call();
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
