package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.api.ApiException;
import dev.ltv.api.HttpApiHandling;
import dev.ltv.api.RequestLog;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.fit.segment.SegmentReassignment;
import dev.ltv.model.ModelStore;
import dev.ltv.segment.store.EventBridgeSegmentEvents;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentEventSink;
import dev.ltv.segment.store.SegmentOutbox;
import dev.ltv.snapstart.Priming;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.StateStore;
import dev.ltv.store.DynamoDbClients;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * {@code POST /model/fit}: fits BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma on the customers' summaries (a hash
 * sample above FIT_SAMPLE_SIZE), scores the purchase models on a holdout, chooses one, and saves all of it (with the
 * measured lifespan and the company forecast over every customer) as the next model version, then reassigns the
 * segments: the whole daily pass in this one invocation ({@link InProcessPass}). 200 with status FITTED and the
 * parameters, or 200 with status INSUFFICIENT_DATA when the data cannot support the models (the previous model stays
 * the latest; the refusal is recorded as the last fit); 400 for an invalid body.
 *
 * <p>The daily pass's state machine invokes it once per step, with the header {@value #TRIGGER_HEADER}:
 * {@value #SCHEDULE} and the step in {@value PassPhases#PHASE_HEADER} ({@link PassPhases}); the same header without a
 * step runs the whole pass (events/fit-scheduled.json). Their failures are thrown, not answered as a 500: nobody
 * reads those responses, and a failed invocation is what Step Functions retries and the function's Errors metric
 * (FitModelErrorsAlarm) counts.
 */
public final class FitModelHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String ROUTE = "POST /model/fit";
    static final String TRIGGER_HEADER = "x-ltv-trigger";
    static final String SCHEDULE = "schedule";

    private final InProcessPass inProcess;
    private final PassPhases phases;
    private final LtvConfig config;
    private final Clock clock;
    /** Held here: the checkpoint context keeps its resources weakly. */
    private Resource priming;

    /** For Lambda: configuration from the environment, one DynamoDB client per container. */
    public FitModelHandler() {
        this(LtvConfig.fromEnvironment());
    }

    private FitModelHandler(LtvConfig config) {
        this(config, DynamoDbClients.create(config), Clock.systemUTC(), FitSettings.from(Env.system()),
                PassSettings.from(Env.system()), Env.system().optional("EVENT_BUS_NAME")
                        .<SegmentEventSink>map(EventBridgeSegmentEvents::create).orElse(SegmentEventSink.NONE));
        this.priming = Priming.register("fit", () -> FitPriming.prime(config));
    }

    /** For tests and the local stack. */
    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo) {
        this(config, dynamo, Clock.systemUTC());
    }

    /** For tests and the local stack: where the daily reassignment's segment change events go. */
    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo, SegmentEventSink segmentEvents) {
        this(config, dynamo, Clock.systemUTC(), FitSettings.DEFAULTS, PassSettings.DEFAULTS, segmentEvents);
    }

    /** For tests that pin "now" (the default asOf, the fit time). */
    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock) {
        this(config, dynamo, clock, FitSettings.DEFAULTS, PassSettings.DEFAULTS, SegmentEventSink.NONE);
    }

    /** For tests and the local stack with the fit's own settings (CLV_MODEL, HOLDOUT_WEEKS, LAPSE_DAYS). */
    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock, Env fitEnvironment) {
        this(config, dynamo, clock, FitSettings.from(fitEnvironment), PassSettings.from(fitEnvironment),
                SegmentEventSink.NONE);
    }

    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock, SegmentEventSink segmentEvents) {
        this(config, dynamo, clock, FitSettings.DEFAULTS, PassSettings.DEFAULTS, segmentEvents);
    }

    /** For the local stack: the function's environment (CLV_MODEL, HOLDOUT_WEEKS, LAPSE_DAYS…) and where segment change events go. */
    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo, Env fitEnvironment, SegmentEventSink segmentEvents) {
        this(config, dynamo, Clock.systemUTC(), FitSettings.from(fitEnvironment), PassSettings.from(fitEnvironment),
                segmentEvents);
    }

    /** For tests: the fit's own settings and where segment change events go. */
    public FitModelHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock, Env fitEnvironment,
                           SegmentEventSink segmentEvents) {
        this(config, dynamo, clock, FitSettings.from(fitEnvironment), PassSettings.from(fitEnvironment), segmentEvents);
    }

    private FitModelHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock, FitSettings settings,
                            PassSettings passSettings, SegmentEventSink segmentEvents) {
        this.config = config;
        this.clock = clock;
        SegmentAssigner assigner = new SegmentAssigner(config);
        SegmentReassignment reassignment = new SegmentReassignment(dynamo, config, assigner,
                new SegmentOutbox(dynamo, config.ltvTable(), segmentEvents), clock, CalibrationSummary.SCAN_SEGMENTS);
        DailyPass pass = new DailyPass(new StateStore(dynamo, config.ltvTable(), CapacityMeter.OFF),
                new ModelStore(dynamo, config.ltvTable()), new PassStore(dynamo, config.ltvTable(), clock), assigner,
                reassignment, dynamo, config, settings, passSettings, clock);
        this.inProcess = new InProcessPass(pass);
        this.phases = new PassPhases(pass);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (isScheduled(event)) {
            String phase = event.getHeaders().get(PassPhases.PHASE_HEADER);
            return phase != null ? phases.run(phase, event.getBody()) : fit(event, context);
        }
        return HttpApiHandling.respond(event, context, request -> fit(request, context));
    }

    /**
     * The schedule's own event: the header, and no request id (API Gateway gives every request one), so that a
     * client sending the header through the API still gets HTTP answers.
     */
    static boolean isScheduled(APIGatewayV2HTTPEvent event) {
        return event != null && event.getHeaders() != null && SCHEDULE.equals(event.getHeaders().get(TRIGGER_HEADER))
                && (event.getRequestContext() == null || event.getRequestContext().getRequestId() == null);
    }

    private APIGatewayV2HTTPResponse fit(APIGatewayV2HTTPEvent event, Context context) {
        requireRoute(event);
        FitRequest request = FitRequest.parse(event, clock.instant().atZone(config.businessZone()).toLocalDate());
        ModelFitting.Result result = FitTelemetry.measured(context, isScheduled(event), () -> inProcess.fit(request));
        RequestLog.info(context, FitLog.summary(result));
        reassignSegments(result, context);
        return switch (result) {
            case ModelFitting.Fitted fitted -> FitResponses.fitted(fitted);
            case ModelFitting.Refused refused -> FitResponses.refused(refused);
        };
    }

    /**
     * Daily, after the fit (fitted or refused): customers whom time or the new boundaries moved get their new
     * segments, with the latest model's boundaries, and customers whose prediction under that model changed get a
     * fresh prediction snapshot and ranking attributes.
     */
    private void reassignSegments(ModelFitting.Result result, Context context) {
        SegmentReassignment.Result moved = inProcess.reassign(result.plan());
        RequestLog.info(context, "segments reassigned: scanned=" + moved.scanned() + " moved=" + moved.moved()
                + " unchanged=" + moved.unchanged() + " leftToTheRecalculation=" + moved.skippedConcurrent()
                + " events=" + moved.events() + " outboxRepublished=" + moved.outboxRepublished()
                + " failed=" + moved.failed() + " predictionsRefreshed=" + moved.refreshed());
    }

    private static void requireRoute(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        if (ROUTE.equals(routeKey)) {
            return;
        }
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null ? null : http.getMethod();
        String path = event.getRawPath();
        if ("POST".equals(method) && ("/model/fit".equals(path) || "/model/fit/".equals(path))) {
            return;
        }
        throw new ApiException(404, "ROUTE_NOT_FOUND", null, "no such route: "
                + (routeKey != null && !routeKey.equals("$default") ? routeKey : method + " " + path));
    }
}
