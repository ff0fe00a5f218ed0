package dev.ltv.local.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ltv.dynamodblocal.TemplateTables;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template.yaml gives every function the configuration its code reads and the events its handler takes. */
class TemplateWiringTest {

    private final java.nio.file.Path repository = Repository.root();

    private JsonNode template() {
        return TemplateTables.from(repository.resolve("template.yaml")).tree().deepCopy();
    }

    private List<String> undeclared(JsonNode template) {
        TemplateWiring wiring = new TemplateWiring(template);
        List<String> problems = new ArrayList<>();
        for (String function : wiring.functions()) {
            problems.addAll(wiring.undeclaredVariables(function, EnvironmentReads.in(repository, wiring.sourceRoots(repository, function))));
        }
        return problems;
    }

    @Test
    void everyVariableTheCodeReadsIsDeclaredForItsFunction() {
        TemplateWiring wiring = new TemplateWiring(template());
        Map<String, List<String>> recalculation = EnvironmentReads.in(repository,
                wiring.sourceRoots(repository, "RecalculateLtvFunction"));
        // the scan finds what LtvConfig and the recalculation's handler read
        assertTrue(recalculation.keySet().containsAll(List.of("PURCHASES_TABLE", "LTV_TABLE", "DEAD_LETTER_QUEUE_URL")), recalculation.toString());
        assertEquals(List.of(), undeclared(template()));
    }

    @Test
    void aVariableTheTemplateDoesNotDeclareIsReported() {
        JsonNode template = template();
        ((ObjectNode) template.path("Globals").path("Function").path("Environment").path("Variables")).remove("LTV_TABLE");
        List<String> problems = undeclared(template);
        assertEquals(new TemplateWiring(template).functions().size(), problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.contains(" reads LTV_TABLE (shared/src/main/java/dev/ltv/config/LtvConfig.java)")
                && p.contains("does not declare it")), problems.toString());

        // a function-only variable: declared for the recalculation, read by it; the query does not get it
        TemplateWiring wiring = new TemplateWiring(template());
        assertEquals(List.of("QueryLtvFunction reads DEAD_LETTER_QUEUE_URL (Handler.java) but template.yaml does not declare it "
                        + "for the function (Globals or its Environment)"),
                wiring.undeclaredVariables("QueryLtvFunction", Map.of("DEAD_LETTER_QUEUE_URL", List.of("Handler.java"))));
        assertEquals(List.of(), wiring.undeclaredVariables("RecalculateLtvFunction", Map.of("DEAD_LETTER_QUEUE_URL", List.of("Handler.java"))));
    }

    @Test
    void everyParameterIsUsed() {
        assertEquals(List.of(), new TemplateWiring(template()).unusedParameters());
        JsonNode template = template();
        ((ObjectNode) template.path("Parameters")).putObject("Forgotten").put("Type", "String").put("Default", "x");
        assertEquals(List.of("parameter Forgotten is referenced nowhere in template.yaml: no function can read it"),
                new TemplateWiring(template).unusedParameters());
    }

    @Test
    void eventsAndDestinationsPointAtWhatTheHandlersTake() {
        assertEquals(List.of(), new TemplateWiring(template()).eventProblems());
    }

    @Test
    void miswiredEventsAreReported() {
        JsonNode template = template();
        TemplateWiring wiring = new TemplateWiring(template);
        ObjectNode streamEvent = null;
        ObjectNode fitEvents = null;
        for (String function : wiring.functions()) {
            JsonNode events = template.path("Resources").path(function).path("Properties").path("Events");
            for (JsonNode event : events) {
                if ("DynamoDB".equals(event.path("Type").asText())) {
                    streamEvent = (ObjectNode) event.path("Properties");
                }
            }
            if (function.equals("FitModelFunction")) {
                fitEvents = (ObjectNode) events;
            }
        }
        assertTrue(streamEvent != null && fitEvents != null, "the template has a stream and a fit function");
        streamEvent.put("Stream", "LtvTable.StreamArn");
        // the daily pass's schedule starts the state machine; a schedule on the function itself must still name a route
        ObjectNode schedule = fitEvents.putObject("Scheduled");
        schedule.put("Type", "Schedule");
        schedule.putObject("Properties").put("Schedule", "rate(1 day)").put("Input",
                "{\"routeKey\":\"POST /model/refit\",\"headers\":{\"x-ltv-trigger\":\"schedule\"},\"body\":\"{}\"}");
        List<String> problems = new TemplateWiring(template).eventProblems();
        assertTrue(problems.stream().anyMatch(p -> p.contains(".Stream: LtvTable has no StreamSpecification")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("its Input's routeKey POST /model/refit is not one of the function's HttpApi routes")),
                problems.toString());
    }

    @Test
    void anAliasReferenceNeedsAutoPublishAlias() {
        JsonNode template = template();
        ObjectNode globals = (ObjectNode) template.path("Globals").path("Function");
        assertEquals("live", globals.path("AutoPublishAlias").asText(), "the template publishes the live alias");
        globals.remove("AutoPublishAlias");
        template.path("Resources").properties().forEach(r -> ((ObjectNode) r.getValue().path("Properties")).remove("AutoPublishAlias"));
        ObjectNode outputs = (ObjectNode) template.path("Outputs");
        outputs.putObject("QueryAlias").put("Value", "QueryLtvFunction.Alias");
        assertEquals(List.of("Resources refers to FitModelFunction.Alias but FitModelFunction has no AutoPublishAlias",
                        "Outputs refers to QueryLtvFunction.Alias but QueryLtvFunction has no AutoPublishAlias"),
                new TemplateWiring(template).eventProblems().stream().filter(p -> p.contains("Alias")).toList());
        globals.put("AutoPublishAlias", "live");
        assertFalse(new TemplateWiring(template).eventProblems().stream().anyMatch(p -> p.contains("Alias")));
    }
}
