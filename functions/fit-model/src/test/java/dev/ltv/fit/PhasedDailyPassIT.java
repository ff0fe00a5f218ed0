package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltv.api.Json;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.model.ChannelPredictions;
import dev.ltv.model.ModelCandidate;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.Transaction;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.segment.SegmentMembership;
import dev.ltv.segment.store.SegmentAssigner;
import dev.ltv.segment.store.SegmentTotals;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.StateStore;
import dev.ltv.store.Keys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily pass as the state machine runs it — every step a separate handler invocation with the JSON the state
 * machine sends, over 3 scan segments, some steps run twice as a retry would — gives what the phase-less invocation
 * (4 segments in one process) gives on the same data: the same fit, lifespan, forecast and channel figures, and
 * boundaries and segments within the sketches' rank error (their compaction is randomised by the library).
 */
class PhasedDailyPassIT {

    /** The day after CDNOW's calibration end: both passes fit as of 1997-09-30, in weeks. */
    private static final Instant NOW = Instant.parse("1997-10-01T08:00:00Z");

    @Test
    void theStepsRunSeparatelyGiveWhatOneInvocationGives() throws Exception {
        LocalDynamoDb dynamo = FitModelHandlerIT.dynamo();
        List<Transaction> transactions = FitModelHandlerIT.calibrationTransactions();
        LtvConfig single = FitModelHandlerIT.config("pass-single");
        LtvConfig phased = FitModelHandlerIT.config("pass-phased");
        int customers = FitModelHandlerIT.writeStates(single, transactions);
        FitModelHandlerIT.writeStates(phased, transactions);
        FitModelHandlerIT.ManualClock clock = new FitModelHandlerIT.ManualClock();
        clock.now = NOW;

        APIGatewayV2HTTPResponse one = new FitModelHandler(single, dynamo.client(), clock, events -> { })
                .handleRequest(FitRequestTest.post("{}"), null);
        assertEquals(200, one.getStatusCode(), one.getBody());

        FitModelHandler handler = new FitModelHandler(phased, dynamo.client(), clock,
                Env.of(Map.of("DAILY_PASS_SEGMENTS", "3")), events -> { });
        JsonNode begun = step(handler, "begin", "{\"passId\": \"2026-12-01-daily\"}");
        assertEquals("[0,1,2]", begun.get("segmentIds").toString());
        JsonNode plan = begun.get("plan");
        assertEquals("1997-09-30", plan.get("asOf").asText());
        assertEquals("1997-10-01", plan.get("today").asText());
        for (int segment = 0; segment < 3; segment++) {
            step(handler, "scan", worker(plan, segment));
        }
        step(handler, "scan", worker(plan, 1)); // a retried worker overwrites its partial
        assertEquals("FITTED", step(handler, "fit", whole(plan)).get("status").asText());
        assertEquals("FITTED", step(handler, "fit", whole(plan)).get("status").asText());
        for (int segment = 0; segment < 3; segment++) {
            step(handler, "predict", worker(plan, segment));
        }
        step(handler, "predict", worker(plan, 0));
        assertEquals(1, step(handler, "save", whole(plan)).get("version").asLong());
        assertEquals(1, step(handler, "save", whole(plan)).get("version").asLong(), "a retried save saves nothing new");
        ModelStore phasedModels = new ModelStore(dynamo.client(), phased.ltvTable());
        assertTrue(phasedModels.version(2).isEmpty());
        for (int segment = 0; segment < 3; segment++) {
            step(handler, "reassign", worker(plan, segment));
        }
        Map<String, Long> versions = versions(phased);
        step(handler, "reassign", worker(plan, 2));
        assertEquals(versions, versions(phased), "a retried reassignment writes nothing: everyone is where they belong");
        JsonNode finished = step(handler, "finish", whole(plan));
        // each worker reports its last run: the retried one found everyone in place
        assertEquals(customers, finished.get("scanned").asLong());
        assertEquals(customers, finished.get("moved").asLong() + finished.get("unchanged").asLong(), finished.toString());
        assertTrue(finished.get("unchanged").asLong() > 0 && finished.get("moved").asLong() > 0, finished.toString());

        StoredModel a = new ModelStore(dynamo.client(), single.ltvTable()).version(1).orElseThrow();
        StoredModel b = phasedModels.version(1).orElseThrow();
        assertEquals(a.customers(), b.customers());
        assertEquals(a.repeatCustomers(), b.repeatCustomers());
        assertEquals(a.bgNbd(), b.bgNbd());
        assertEquals(a.gammaGamma(), b.gammaGamma());
        assertEquals(a.standardErrors(), b.standardErrors());
        assertEquals(a.kind(), b.kind());
        assertEquals(a.choice().calibrationEnd(), b.choice().calibrationEnd());
        for (int i = 0; i < a.choice().candidates().size(); i++) {
            ModelCandidate ca = a.choice().candidates().get(i);
            ModelCandidate cb = b.choice().candidates().get(i);
            assertEquals(ca.kind(), cb.kind());
            assertEquals(ca.fit() == null, cb.fit() == null);
            if (ca.fit() != null) {
                assertArrayEquals(ca.fit().parameters(), cb.fit().parameters(), ca.kind().toString());
            }
        }
        assertEquals(a.lifespan(), b.lifespan());
        assertEquals(a.forecast().customers(), b.forecast().customers());
        assertEquals(customers, b.forecast().customers(), "the forecast covers every customer");
        assertEquals(a.forecast().expectedActiveCustomers(), b.forecast().expectedActiveCustomers(),
                1e-9 * a.forecast().expectedActiveCustomers());
        assertEquals(a.forecast().expectedPurchases(), b.forecast().expectedPurchases(), 1e-9 * a.forecast().expectedPurchases());
        assertEquals(a.forecast().expectedRevenue(), b.forecast().expectedRevenue(), 1e-9 * a.forecast().expectedRevenue());
        ChannelPredictions channelsA = ChannelPredictions.load(dynamo.client(), single.ltvTable(), true).orElseThrow();
        ChannelPredictions channelsB = ChannelPredictions.load(dynamo.client(), phased.ltvTable(), true).orElseThrow();
        assertEquals(channelsA.sums(), channelsB.sums(), "sums of six-decimal figures: exact in any order");

        SegmentBoundaries boundariesA = a.boundaries().orElseThrow();
        SegmentBoundaries boundariesB = b.boundaries().orElseThrow();
        assertEquals(customers, boundariesB.customers());
        Map<String, double[]> figures = figures(phased, b);
        assertSameRanks(figures.get("recency"), boundariesA.recencyDays().values(), boundariesB.recencyDays().values());
        assertSameRanks(figures.get("purchases"), boundariesA.purchases().values(), boundariesB.purchases().values());
        assertSameRanks(figures.get("revenue"), boundariesA.revenue().values(), boundariesB.revenue().values());
        assertSameRanks(figures.get("ltv"), boundariesA.ltv().values(), boundariesB.ltv().values());
        assertSameRanks(figures.get("clv"), boundariesA.predictedClv().values(), boundariesB.predictedClv().values());

        // every customer holds the segments its table's boundaries give it; across the two tables they agree but
        // for customers on a cut the two sketches placed a little differently
        SegmentAssigner assigner = new SegmentAssigner(phased);
        Map<String, CustomerState> statesA = states(single);
        Map<String, CustomerState> statesB = states(phased);
        int differ = 0;
        for (CustomerState state : statesB.values()) {
            SegmentMembership expected = assigner.assign(state, Optional.of(b), LocalDate.of(1997, 10, 1));
            assertEquals(expected.ids(), state.segments().ids(), state.customerId());
            if (!state.segments().ids().equals(statesA.get(state.customerId()).segments().ids())) {
                differ++;
            }
        }
        assertTrue(differ <= customers / 20, differ + " of " + customers + " customers in other segments");
        Map<String, SegmentTotals.Figures> totals = SegmentTotals.read(dynamo.client(), phased.ltvTable(), true);
        assertEquals(customers, totals.entrySet().stream().filter(e -> e.getKey().startsWith("rfm:"))
                .mapToLong(e -> e.getValue().customers()).sum());
        System.out.printf("phased daily pass on CDNOW: %d customers, %d in other segments than the one-invocation pass%n",
                customers, differ);
    }

    @Test
    void theStateMachineSendsEveryStepItsPhaseAsTheFunctionExpects() throws Exception {
        String template = Files.readString(FitModelHandlerIT.repoRoot().resolve("template.yaml"));
        Matcher phases = Pattern.compile("x-ltv-trigger: schedule, x-ltv-phase: (\\w+)").matcher(template);
        List<String> sent = new ArrayList<>();
        while (phases.find()) {
            sent.add(phases.group(1));
        }
        assertEquals(List.of("begin", "scan", "fit", "predict", "save", "reassign", "finish"), sent);
        APIGatewayV2HTTPEvent sample = Json.MAPPER.readValue(
                FitModelHandlerIT.repoRoot().resolve("events/fit-pass-scan.json").toFile(), APIGatewayV2HTTPEvent.class);
        assertTrue(FitModelHandler.isScheduled(sample));
        assertEquals("scan", sample.getHeaders().get(PassPhases.PHASE_HEADER));
        JsonNode body = Json.MAPPER.readTree(sample.getBody());
        PassPlan plan = PassPlan.fromJson(body.get("plan"));
        assertTrue(body.get("segment").asInt() < plan.segments());
    }

    static JsonNode step(FitModelHandler handler, String phase, String body) throws Exception {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("x-ltv-trigger", "schedule", PassPhases.PHASE_HEADER, phase)).withBody(body).build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.MAPPER.readTree(response.getBody());
    }

    static String worker(JsonNode plan, int segment) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.set("plan", plan);
        input.put("segment", segment);
        return input.toString();
    }

    static String whole(JsonNode plan) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.set("plan", plan);
        input.set("segmentIds", Json.MAPPER.createArrayNode().add(0).add(1).add(2));
        return input.toString();
    }

    private static Map<String, CustomerState> states(LtvConfig config) {
        Map<String, CustomerState> states = new HashMap<>();
        new StateStore(FitModelHandlerIT.dynamo().client(), config.ltvTable(), CapacityMeter.OFF)
                .scanStates(2, state -> states.put(state.customerId(), state));
        return states;
    }

    private static Map<String, Long> versions(LtvConfig config) {
        Map<String, Long> versions = new HashMap<>();
        states(config).forEach((id, state) -> versions.put(id, state.version()));
        return versions;
    }

    /** Each figure of every customer as the boundaries see it (the predicted CLV under the model at its as-of day). */
    private static Map<String, double[]> figures(LtvConfig config, StoredModel model) {
        SegmentAssigner assigner = new SegmentAssigner(config);
        LocalDate asOf = model.asOf();
        List<double[]> rows = new ArrayList<>();
        List<Double> clv = new ArrayList<>();
        states(config).values().forEach(state -> {
            var f = assigner.figures(state, Optional.empty(), asOf);
            rows.add(new double[] {f.daysSinceLastPurchase(), f.purchases(), f.revenue().doubleValue(), f.ltv().doubleValue()});
            var p = model.predict(dev.ltv.predict.Rfm.fromState(state.purchaseDays(), state.firstDay(), state.lastDay(),
                    state.revenue(), state.firstDaySpend(), asOf, model.unit()), config.clvSettings(config.ltvParameters().grossMargin()));
            if (p instanceof dev.ltv.predict.Prediction prediction) {
                clv.add(prediction.clv());
            }
        });
        Map<String, double[]> figures = new HashMap<>();
        String[] names = {"recency", "purchases", "revenue", "ltv"};
        for (int i = 0; i < names.length; i++) {
            int column = i;
            figures.put(names[i], rows.stream().mapToDouble(r -> r[column]).sorted().toArray());
        }
        figures.put("clv", clv.stream().mapToDouble(Double::doubleValue).sorted().toArray());
        return figures;
    }

    /** Each pair of cuts sits at the same rank of the base within 1 % (ties: anywhere on the tie). */
    private static void assertSameRanks(double[] sorted, double[] cutsA, double[] cutsB) {
        assertEquals(cutsA.length, cutsB.length);
        for (int i = 0; i < cutsA.length; i++) {
            double[] rankA = rank(sorted, cutsA[i]);
            double[] rankB = rank(sorted, cutsB[i]);
            assertTrue(rankA[0] <= rankB[1] + 0.01 && rankB[0] <= rankA[1] + 0.01,
                    "cut " + i + ": " + cutsA[i] + " vs " + cutsB[i]);
        }
    }

    private static double[] rank(double[] sorted, double cut) {
        long below = java.util.Arrays.stream(sorted).filter(v -> v < cut).count();
        long atOrBelow = java.util.Arrays.stream(sorted).filter(v -> v <= cut).count();
        return new double[] {(double) below / sorted.length, (double) atOrBelow / sorted.length};
    }
}
