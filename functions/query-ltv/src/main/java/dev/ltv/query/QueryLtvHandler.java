package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.api.ApiException;
import dev.ltv.api.HttpApiHandling;
import dev.ltv.api.HttpResponses;
import dev.ltv.calc.Period;
import dev.ltv.config.LtvConfig;
import dev.ltv.model.CachedModelSource;
import dev.ltv.model.ChannelPredictions;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.observe.HttpMetrics;
import dev.ltv.segment.store.SegmentTotals;
import dev.ltv.snapstart.Priming;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.ChannelStore;
import dev.ltv.state.CohortStore;
import dev.ltv.state.CustomerState;
import dev.ltv.state.PeriodStore;
import dev.ltv.state.StateStore;
import dev.ltv.store.DynamoDbClients;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP API (payload 2.0) entry point for reading LTV:
 * <ul>
 *   <li>{@code GET /customers/{customerId}/ltv}: one customer's LTV with its breakdown (200; 404 unknown
 *       customer; 400 bad override or asOf)</li>
 *   <li>{@code GET /customers}: the customers ranked by a figure, a page at a time (200; 400 bad parameter or
 *       cursor)</li>
 *   <li>{@code GET /metrics}: the company-level figures (200, also with no customer yet); with
 *       {@code period=2025|2025-Q3|2025-07} those of one period</li>
 *   <li>{@code GET /channels}: per acquisition channel (200)</li>
 *   <li>{@code GET /cohorts}: per acquisition cohort, with its curve (200)</li>
 *   <li>{@code GET /model}: the latest fitted model and the last fit's outcome (200, also before any fit)</li>
 * </ul>
 * Reads only, and eventually consistent ones: half the read cost of strongly consistent reads, and the state
 * already trails ingest by the stream's delay, so a strongly consistent read would not make an answer current.
 * Throttling that outlasts the SDK's retries is 503; anything unexpected is a logged 500 with a fixed message.
 */
public final class QueryLtvHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String FUNCTION = "QueryLtvFunction";
    private static final boolean CONSISTENT_READ = false;
    private static final Set<String> CUSTOMER_PARAMETERS = with(ParameterOverrides.NAMES, AsOfDate.PARAMETER);
    /** acquisitionCost.<channel> overrides come on top of these */
    private static final Set<String> CHANNEL_PARAMETERS = ParameterOverrides.NAMES;
    private static final Set<String> METRICS_PARAMETERS = with(ParameterOverrides.NAMES, PeriodMetricsAssembler.PARAMETER);

    private final StateStore store;
    private final ParameterOverrides overrides;
    private final CustomerLtvAssembler customers;
    private final CompanyMetricsAssembler company;
    private final PeriodStore periodStore;
    private final PeriodMetricsAssembler periods;
    private final ChannelStore channelStore;
    private final ChannelsAssembler channels;
    private final CohortStore cohortStore;
    private final CohortsAssembler cohorts;
    private final DynamoDbClient dynamo;
    private final String ltvTable;
    private final ModelStore models;
    private final RankingReader rankings;
    private final CustomerRankingAssembler rankingAssembler;
    private final CachedModelSource cachedModels;
    private final MeasuredLifespanParameter measuredLifespan;
    private final Currency currency;
    private final ZoneId businessZone;
    private final Clock clock;
    /** Held here: the checkpoint context keeps its resources weakly. */
    private Resource priming;

    /** For Lambda: configuration from the environment, one DynamoDB client per container. */
    public QueryLtvHandler() {
        this(LtvConfig.fromEnvironment());
    }

    private QueryLtvHandler(LtvConfig config) {
        this(config, DynamoDbClients.create(config));
        this.priming = Priming.register("query", () -> QueryPriming.prime(config));
    }

    /** For tests and the local stack. */
    public QueryLtvHandler(LtvConfig config, DynamoDbClient dynamo) {
        this(config, dynamo, Clock.systemUTC());
    }

    /** For tests that pin "today" (the default asOf and its future limit). */
    public QueryLtvHandler(LtvConfig config, DynamoDbClient dynamo, Clock clock) {
        this.store = new StateStore(dynamo, config.ltvTable(), CapacityMeter.OFF);
        this.overrides = new ParameterOverrides(config.ltvParameters(), config.baseCurrency());
        this.models = new ModelStore(dynamo, config.ltvTable());
        this.cachedModels = new CachedModelSource(models);
        this.customers = new CustomerLtvAssembler(config.baseCurrency(), new ModelPredictiveSection(cachedModels, config));
        this.measuredLifespan = new MeasuredLifespanParameter(config.lifespanMeasured());
        this.currency = config.baseCurrency();
        this.company = new CompanyMetricsAssembler(config.baseCurrency());
        this.rankings = new RankingReader(dynamo, config.ltvTable());
        this.rankingAssembler = new CustomerRankingAssembler(config.baseCurrency());
        this.periodStore = new PeriodStore(store);
        this.periods = new PeriodMetricsAssembler(config.baseCurrency());
        this.channelStore = new ChannelStore(store);
        this.channels = new ChannelsAssembler(config.baseCurrency(), config.acquisitionCostByChannel());
        this.cohortStore = new CohortStore(store);
        this.cohorts = new CohortsAssembler(config.baseCurrency());
        this.dynamo = dynamo;
        this.ltvTable = config.ltvTable();
        this.businessZone = config.businessZone();
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpMetrics.measure(event, context, FUNCTION, metrics -> HttpApiHandling.respond(event, context, this::route));
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        Route route = Route.of(event);
        return switch (route.kind()) {
            case CUSTOMER_LTV -> customerLtv(route.customerId(), event);
            case CUSTOMERS -> rankedCustomers(event);
            case METRICS -> metrics(event);
            case MODEL -> model(event);
            case CHANNELS -> channels(event);
            case COHORTS -> cohorts(event);
            case SEGMENTS -> segments(event);
        };
    }

    private APIGatewayV2HTTPResponse customerLtv(String customerId, APIGatewayV2HTTPEvent event) {
        QueryString query = QueryString.of(event).requireOnly(CUSTOMER_PARAMETERS);
        ChosenParameters parameters = measuredLifespan.apply(query, overrides.apply(query), this::modelIfReadable);
        Optional<LocalDate> requestedAsOf = AsOfDate.parse(query);

        cachedModels.refreshConcurrently(); // a stale model is read while the state is
        CustomerState state = store.readState(customerId, CONSISTENT_READ)
                .orElseThrow(() -> ApiException.notFound("no LTV for customer '" + customerId
                        + "': no purchase of theirs has been recorded (or it has not been processed yet)"));

        LocalDate asOf = AsOfDate.resolve(requestedAsOf, state, LocalDate.now(clock.withZone(businessZone)));
        return HttpResponses.json(200, customers.assemble(state, parameters, asOf));
    }

    private APIGatewayV2HTTPResponse rankedCustomers(APIGatewayV2HTTPEvent event) {
        RankingRequest request = RankingRequest.parse(QueryString.of(event));
        return HttpResponses.json(200, rankingAssembler.assemble(request, rankings.read(request)));
    }

    private APIGatewayV2HTTPResponse metrics(APIGatewayV2HTTPEvent event) {
        QueryString query = QueryString.of(event).requireOnly(METRICS_PARAMETERS);
        ChosenParameters parameters = measuredLifespan.apply(query, overrides.apply(query), this::modelIfReadable);
        if (query.has(PeriodMetricsAssembler.PARAMETER)) {
            Period period = PeriodMetricsAssembler.parse(query.get(PeriodMetricsAssembler.PARAMETER).orElseThrow());
            return HttpResponses.json(200, periods.assemble(period, periodStore.readPeriod(period, CONSISTENT_READ), parameters));
        }
        return HttpResponses.json(200, company.assemble(store.readCompanyTotals(), parameters, modelIfReadable()));
    }

    private APIGatewayV2HTTPResponse channels(APIGatewayV2HTTPEvent event) {
        QueryString query = QueryString.of(event);
        ChannelsAssembler.Request request = channels.split(query.values());
        QueryString rest = request.rest().requireOnly(CHANNEL_PARAMETERS);
        ChosenParameters parameters = measuredLifespan.apply(rest, overrides.apply(rest), this::modelIfReadable);
        return HttpResponses.json(200, channels.assemble(channelStore.readChannels(CONSISTENT_READ),
                ChannelPredictions.load(dynamo, ltvTable, CONSISTENT_READ), parameters, request.costs()));
    }

    private APIGatewayV2HTTPResponse cohorts(APIGatewayV2HTTPEvent event) {
        QueryString query = QueryString.of(event).requireOnly(Set.of(CohortsAssembler.BY));
        boolean byQuarter = CohortsAssembler.byQuarter(query);
        return HttpResponses.json(200, cohorts.assemble(cohortStore.readCohorts(CONSISTENT_READ), byQuarter,
                YearMonth.now(clock.withZone(businessZone))));
    }

    private APIGatewayV2HTTPResponse model(APIGatewayV2HTTPEvent event) {
        QueryString.of(event).requireOnly(Set.of());
        return HttpResponses.json(200, ModelView.of(models.latest(), models.lastFit(), currency));
    }

    /** The latest model for the company figures; they are complete without it, so a failed read leaves it out. */
    private Optional<StoredModel> modelIfReadable() {
        try {
            return cachedModels.latest();
        } catch (RuntimeException e) {
            System.err.println("the predictive model could not be read (metrics answered without the forecast): " + e);
            return Optional.empty();
        }
    }

    /** Per-segment sums from the totals shards (one BatchGetItem) and the boundaries of the latest model. */
    private APIGatewayV2HTTPResponse segments(APIGatewayV2HTTPEvent event) {
        QueryString.of(event).requireOnly(Set.of());
        return HttpResponses.json(200, SegmentViews.list(SegmentTotals.read(dynamo, ltvTable, false), models.latest(),
                currency));
    }

    private static Set<String> with(Set<String> names, String extra) {
        Set<String> all = new HashSet<>(names);
        all.add(extra);
        return Set.copyOf(all);
    }
}
