package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.HttpResponses;
import dev.ltv.api.Json;
import dev.ltv.fit.segment.SegmentReassignment;
import dev.ltv.predict.TimeUnit;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The daily pass's state machine calls the fit function once per step, with the step in the header
 * {@value #PHASE_HEADER} and the step's input, a small JSON object, as the body: keys and the plan, never data.
 * Every step's failure is thrown, so that Step Functions sees it and retries the step.
 *
 * <pre>
 * begin     {"passId": "…"}                          → {"plan": {…}, "segmentIds": [0, 1, …]}
 * scan      {"plan": {…}, "segment": 3}              → {"phase": "scan", "segment": 3}
 * fit       {"plan": {…}}                            → {"phase": "fit", "status": "FITTED" | "INSUFFICIENT_DATA"}
 * predict   {"plan": {…}, "segment": 3}
 * save      {"plan": {…}}                            → {"phase": "save", "version": 12} (0: refused, the latest stays)
 * reassign  {"plan": {…}, "segment": 3}
 * finish    {"plan": {…}}                            → the pass's counts
 * </pre>
 */
final class PassPhases {

    static final String PHASE_HEADER = "x-ltv-phase";

    record Begun(PassPlan.View plan, List<Integer> segmentIds) {
    }

    record Step(String phase, String passId, Integer segment, String status, Long version) {
    }

    record Finished(String phase, String passId, long version, long scanned, long moved, long refreshed,
                    long unchanged, long leftToTheRecalculation, long events, long failed) {
    }

    private final DailyPass pass;

    PassPhases(DailyPass pass) {
        this.pass = pass;
    }

    APIGatewayV2HTTPResponse run(String phase, String body) {
        JsonNode input = Json.readClientBody(body == null || body.isBlank() ? "{}" : body);
        if ("begin".equals(phase)) {
            FitRequest request = new FitRequest(pass.today().minusDays(1), TimeUnit.WEEKS);
            PassPlan plan = pass.begin(input.path("passId").asText(null), request, pass.settings().segments());
            return HttpResponses.json(200, new Begun(plan.view(),
                    IntStream.range(0, plan.segments()).boxed().toList()));
        }
        PassPlan plan = PassPlan.fromJson(input.get("plan"));
        return switch (phase) {
            case "scan" -> {
                pass.scan(plan, segment(input));
                yield step(phase, plan, segment(input), null, null);
            }
            case "fit" -> step(phase, plan, null, pass.fit(plan).draft() instanceof PassStore.Fitted
                    ? FitResponses.FITTED : FitResponses.INSUFFICIENT_DATA, null);
            case "predict" -> {
                pass.predict(plan, segment(input));
                yield step(phase, plan, segment(input), null, null);
            }
            case "save" -> step(phase, plan, null, null, switch (pass.save(plan)) {
                case DailyPass.SavedVersion saved -> saved.model().version();
                case DailyPass.SavedRefusal refused -> 0L;
            });
            case "reassign" -> {
                pass.reassign(plan, segment(input));
                yield step(phase, plan, segment(input), null, null);
            }
            case "finish" -> {
                SegmentReassignment.Result r = pass.finish(plan);
                System.out.println("INFO daily pass " + plan.passId() + " finished: " + r);
                yield HttpResponses.json(200, new Finished(phase, plan.passId(),
                        pass.savedVersion(plan), r.scanned(), r.moved(), r.refreshed(), r.unchanged(),
                        r.skippedConcurrent(), r.events(), r.failed()));
            }
            default -> throw new IllegalArgumentException("no such phase of the daily pass: " + phase
                    + " (begin, scan, fit, predict, save, reassign, finish)");
        };
    }

    private static int segment(JsonNode input) {
        JsonNode segment = input.get("segment");
        if (segment == null || !segment.canConvertToInt()) {
            throw new IllegalArgumentException("this step of the daily pass needs its segment number");
        }
        return segment.asInt();
    }

    private static APIGatewayV2HTTPResponse step(String phase, PassPlan plan, Integer segment, String status, Long version) {
        return HttpResponses.json(200, new Step(phase, plan.passId(), segment, status, version));
    }
}
