package dev.ltv.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.config.LtvConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** An HTTP test handler: keeps the last event it got and answers according to the route. */
public final class EchoHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final AtomicReference<APIGatewayV2HTTPEvent> LAST_EVENT = new AtomicReference<>();
    public static final AtomicReference<Context> LAST_CONTEXT = new AtomicReference<>();
    public static final AtomicReference<LtvConfig> CONFIG = new AtomicReference<>();
    public static final AtomicReference<DynamoDbClient> DYNAMO = new AtomicReference<>();
    public static final byte[] BINARY = {0, 1, 2, (byte) 0xFF, (byte) 0x80};

    public EchoHttpHandler(LtvConfig config, DynamoDbClient dynamo) {
        CONFIG.set(config);
        DYNAMO.set(dynamo);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LAST_EVENT.set(event);
        LAST_CONTEXT.set(context);
        return switch (event.getRouteKey()) {
            case "GET /boom" -> throw new IllegalStateException("boom: a handler bug");
            case "GET /binary" -> APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/octet-stream"))
                    .withBody(Base64.getEncoder().encodeToString(BINARY))
                    .withIsBase64Encoded(true)
                    .build();
            default -> {
                Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
                yield APIGatewayV2HTTPResponse.builder()
                        .withStatusCode(Integer.parseInt(query.getOrDefault("status", "200")))
                        .withHeaders(Map.of("content-type", "text/plain; charset=utf-8", "x-route", event.getRouteKey()))
                        .withMultiValueHeaders(Map.of("x-multi", List.of("one", "two")))
                        .withCookies(List.of("session=abc; Path=/", "theme=dark"))
                        .withBody("héllo " + event.getRawPath())
                        .build();
            }
        };
    }
}
