package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.api.HttpApiHandling;
import dev.ltv.api.HttpResponses;
import dev.ltv.api.Json;
import dev.ltv.config.LtvConfig;
import dev.ltv.observe.HttpMetrics;
import dev.ltv.observe.InvocationMetrics;
import dev.ltv.purchase.InvalidInputException;
import dev.ltv.purchase.PurchaseCorrection;
import dev.ltv.purchase.PurchaseValidator;
import dev.ltv.snapstart.Priming;
import dev.ltv.store.DynamoDbClients;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP API (payload 2.0) entry point for writing purchases:
 * <ul>
 *   <li>{@code POST /purchases}: one purchase or refund (201 created, 200 duplicate, 409 conflict, 422 refused
 *       refund), or {@code {"purchases": [...]}} (200 with per-item results; 400 and nothing written if any item
 *       is invalid)</li>
 *   <li>{@code PATCH /customers/{customerId}/purchases/{purchaseId}}: correct amount and/or purchasedAt (200)</li>
 *   <li>{@code DELETE /customers/{customerId}/purchases/{purchaseId}}: delete a purchase or refund (200 with the
 *       deleted item)</li>
 *   <li>{@code GET /customers/{customerId}/purchases?limit=&cursor=}: the customer's purchases and refunds, a page
 *       at a time ({@link PurchaseHistory})</li>
 * </ul>
 * Client mistakes are 4xx with the JSON error body and nothing written; throttling is 503; anything else is a
 * logged 500 with a fixed message.
 */
public final class IngestPurchaseHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /**
     * One writer per item of the largest batch, so a batch of purchases is answered in about one round trip of
     * its conditional puts rather than one per 8 items. Threads start when first needed; throttled puts are
     * retried with backoff like any other.
     */
    private static final int BATCH_WRITERS = PostBody.MAX_BATCH;

    private final PurchaseValidator validator;
    private final PurchaseIngestion ingestion;
    private final PurchaseCorrections corrections;
    private final PurchaseHistory history;
    /** Held here: the checkpoint context keeps its resources weakly. */
    private Resource priming;

    /** For Lambda: configuration from the environment, one DynamoDB client per container. */
    public IngestPurchaseHandler() {
        this(LtvConfig.fromEnvironment());
    }

    private IngestPurchaseHandler(LtvConfig config) {
        this(config, DynamoDbClients.create(config));
        this.priming = Priming.register("ingest", () -> IngestPriming.prime(config));
    }

    /** For tests and the local stack. */
    public IngestPurchaseHandler(LtvConfig config, DynamoDbClient dynamo) {
        this(config, dynamo, Clock.systemUTC());
    }

    /** For tests that pin "now" (receivedAt, the future limit of purchasedAt). */
    public IngestPurchaseHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock) {
        PurchaseTable table = new PurchaseTable(dynamo, config.purchasesTable());
        this.validator = new PurchaseValidator(config.baseCurrency(), clock);
        this.ingestion = new PurchaseIngestion(table, config.businessZone(), clock, writerPool());
        this.corrections = new PurchaseCorrections(table, config.businessZone());
        this.history = new PurchaseHistory(dynamo, config.purchasesTable());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpMetrics.measure(event, context, IngestTelemetry.FUNCTION,
                metrics -> HttpApiHandling.respond(event, context, request -> route(request, context, metrics)));
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event, Context context, InvocationMetrics metrics) {
        Route route = Route.of(event);
        return switch (route.kind()) {
            case POST_PURCHASES -> {
                NoQueryParameters.require(event, "POST /purchases");
                yield post(event, context, metrics);
            }
            case PATCH_PURCHASE -> {
                NoQueryParameters.require(event, "PATCH /customers/{customerId}/purchases/{purchaseId}");
                yield patch(event, route, context);
            }
            case DELETE_PURCHASE -> {
                NoQueryParameters.require(event, "DELETE /customers/{customerId}/purchases/{purchaseId}");
                StoredPurchase deleted = corrections.delete(route.customerId(), route.purchaseId());
                IngestTelemetry.changed(context, "deleted", route.customerId(), route.purchaseId());
                yield HttpResponses.json(200, PurchaseView.of(deleted));
            }
            case LIST_PURCHASES -> HttpResponses.json(200, history.page(route.customerId(), event.getQueryStringParameters()));
        };
    }

    private APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent event, Context context, InvocationMetrics metrics) {
        PostBody body = PostBody.parse(Json.readClientBody(RequestBody.json(event)), validator);
        List<ItemOutcome> outcomes = body.batch() ? ingestion.ingestAll(body.items()) : List.of(ingestion.ingest(body.items().getFirst()));
        IngestTelemetry.posted(context, metrics, body.items(), outcomes);
        return body.batch() ? IngestResponses.batch(body.items(), outcomes) : IngestResponses.single(outcomes.getFirst());
    }

    private APIGatewayV2HTTPResponse patch(APIGatewayV2HTTPEvent event, Route route, Context context) {
        PurchaseCorrection correction;
        try {
            correction = validator.correction(Json.readClientBody(RequestBody.json(event)));
        } catch (InvalidInputException e) {
            throw PostBody.invalidObject(e);
        }
        StoredPurchase corrected = corrections.correct(route.customerId(), route.purchaseId(), correction);
        IngestTelemetry.changed(context, "corrected", route.customerId(), route.purchaseId());
        return HttpResponses.json(200, PurchaseView.of(corrected));
    }

    private static ExecutorService writerPool() {
        return Executors.newFixedThreadPool(BATCH_WRITERS, task -> {
            Thread thread = new Thread(task, "ingest-writer");
            thread.setDaemon(true);
            return thread;
        });
    }
}
