package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.model.CachedModelSource;
import dev.ltv.model.ModelSource;
import dev.ltv.model.ModelStore;
import dev.ltv.segment.store.EventBridgeSegmentEvents;
import dev.ltv.segment.store.LiveSegments;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentOutbox;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.snapstart.Priming;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.Recalculator;
import dev.ltv.state.StateAnnotator;
import dev.ltv.state.StateStore;
import dev.ltv.store.DynamoDbClients;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * Triggered by the purchases table's stream: applies each batch to the customers' LTV state exactly once.
 * Each state it writes carries the predicted CLV under the latest fitted model (see {@link PredictionAnnotator})
 * and the attributes of the ranking indexes (see {@link RankingAnnotator}).
 * Reports the first record it could not apply ({@code ReportBatchItemFailures}), so Lambda retries from
 * there and nothing after it is skipped; records already applied are recognised by their markers.
 */
public final class RecalculateLtvHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final BatchProcessor processor;
    /** Held here: the checkpoint context keeps its resources weakly. */
    private Resource priming;

    /** Lambda: configuration from the environment, clients built once per container. */
    public RecalculateLtvHandler() {
        this(LtvConfig.fromEnvironment());
    }

    private RecalculateLtvHandler(LtvConfig config) {
        this(config, null, Env.system().optional("DEAD_LETTER_QUEUE_URL")
                .<PoisonRecordSink>map(SqsPoisonSink::create)
                .orElse(PoisonRecordSink.REPORT_AS_FAILURE),
                Env.system().optional("EVENT_BUS_NAME")
                .<SegmentEventSink>map(EventBridgeSegmentEvents::create)
                .orElse(SegmentEventSink.NONE), BatchProcessor.DEFAULT_CONCURRENCY);
        this.priming = Priming.register("recalculate", () -> RecalculatePriming.prime(config));
    }

    /** Tests: unusable records are reported as failures (the local stack passes a sink of its own instead). */
    public RecalculateLtvHandler(LtvConfig config, DynamoDbClient dynamo) {
        this(config, dynamo, PoisonRecordSink.REPORT_AS_FAILURE);
    }

    public RecalculateLtvHandler(LtvConfig config, DynamoDbClient dynamo, PoisonRecordSink poisonSink) {
        this(config, dynamo, poisonSink, BatchProcessor.DEFAULT_CONCURRENCY);
    }

    /** Tests and the local stack: where segment change events go (the local stack: its events file). */
    public RecalculateLtvHandler(LtvConfig config, DynamoDbClient dynamo, PoisonRecordSink poisonSink,
                                 SegmentEventSink segmentEvents) {
        this(config, dynamo, poisonSink, segmentEvents, BatchProcessor.DEFAULT_CONCURRENCY);
    }

    /** Benchmarks: how many customers of a batch are applied at once. */
    public RecalculateLtvHandler(LtvConfig config, DynamoDbClient dynamo, PoisonRecordSink poisonSink, int concurrency) {
        this(config, dynamo, poisonSink, SegmentEventSink.NONE, concurrency);
    }

    private RecalculateLtvHandler(LtvConfig config, DynamoDbClient dynamo, PoisonRecordSink poisonSink,
                                  SegmentEventSink segmentEvents, int concurrency) {
        DynamoDbClient client = dynamo != null ? dynamo : DynamoDbClients.create(config);
        StateStore store = new StateStore(client, config.ltvTable(), CapacityMeter.OFF);
        Clock clock = Clock.systemUTC();
        ModelSource models = new CachedModelSource(new ModelStore(client, config.ltvTable()));
        StateAnnotator predictions = new PredictionAnnotator(models, config, clock);
        StateAnnotator annotator = new RankingAnnotator(predictions, new RankingAttributes(config.ltvParameters(), config.baseCurrency()));
        LiveSegments segments = new LiveSegments(new SegmentAssigner(config), models, clock, config.businessZone(),
                new SegmentOutbox(client, config.ltvTable(), segmentEvents));
        Recalculator recalculator = new Recalculator(client, store, config.appliedMarkerTtl(), clock, CapacityMeter.OFF,
                annotator, segments);
        this.processor = new BatchProcessor(recalculator, store, poisonSink, concurrency);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        RecalculationTelemetry.received(context, event.getRecords());
        long start = System.nanoTime();
        BatchProcessor.Result result = null;
        try {
            result = processor.process(event.getRecords(), context);
            return result.toResponse();
        } finally {
            RecalculationTelemetry.processed(context, event.getRecords(), result, System.nanoTime() - start);
        }
    }
}
