package dev.ltv.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in events/ goes to the function the template gives it (HTTP events by their routeKey, stream
 * events to the stream's function), as {@code sam local invoke -e} would: none may fail on the platform's
 * side. Each function's own tests check the exact answers; this test makes sure no file is forgotten
 * and that the files still match the template's routes.
 */
class EventFilesIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackOptions.defaults().withPort(0).withTemplate(EndToEndIT.repositoryTemplate())
                .withPollInterval(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyEventFileRunsThroughTheFunctionTheTemplateRoutesItTo() throws Exception {
        Path events = EndToEndIT.repositoryTemplate().getParent().resolve("events");
        List<Path> files;
        try (Stream<Path> list = Files.list(events)) {
            files = list.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().equals("env.local.json")) // --env-vars, not an event
                    .sorted().toList();
        }
        assertTrue(files.size() >= 19, "events/ holds " + files.size() + " files");
        List<String> ran = new ArrayList<>();
        for (Path file : files) {
            JsonNode json = Json.MAPPER.readTree(Files.readString(file));
            String name = file.getFileName().toString();
            if (json.has("Records")) {
                DynamodbEvent event = EventLoader.loadDynamoDbEvent(file.toString());
                dev.ltv.local.lambda.LocalFunction function = streamFunction();
                StreamsEventResponse response = (StreamsEventResponse) function.invoke(event);
                assertTrue(response.getBatchItemFailures().isEmpty(), name + ": " + response.getBatchItemFailures());
            } else if (json.has("routeKey")) {
                APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(file.toString());
                dev.ltv.local.lambda.LocalFunction function = routeFunction(event.getRouteKey(), name);
                APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) function.invoke(event);
                assertTrue(response.getStatusCode() < 500, name + " answered " + response.getStatusCode() + " " + response.getBody());
                OpenApiContract.load().check(event, response); // as docs/openapi.yaml describes it
                JsonNode body = response.getBody() == null || response.getBody().isEmpty() ? null : Json.MAPPER.readTree(response.getBody());
                assertFalse(body != null && body.toString().contains("Exception"), name + " leaked an exception: " + body);
            } else if (json.path("headers").has("x-ltv-phase")) {
                // a step of the daily pass's state machine: the fit function's, answered with the step's JSON
                APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(file.toString());
                dev.ltv.local.lambda.LocalFunction function = routeFunction("POST /model/fit", name);
                APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) function.invoke(event);
                assertEquals(200, response.getStatusCode(), name + ": " + response.getBody());
                assertEquals(json.path("headers").path("x-ltv-phase").asText(),
                        Json.MAPPER.readTree(response.getBody()).path("phase").asText(), name);
            } else {
                throw new AssertionError(name + " is neither an HTTP API event, a stream event nor a daily pass step");
            }
            ran.add(name);
            stack.awaitStreamDrained(Duration.ofSeconds(30));
        }
        assertEquals(files.size(), ran.size());
    }

    private static dev.ltv.local.lambda.LocalFunction streamFunction() {
        return stack.functions().stream().filter(f -> f.definition().stream().isPresent()).findFirst().orElseThrow();
    }

    private static dev.ltv.local.lambda.LocalFunction routeFunction(String routeKey, String file) {
        return stack.functions().stream()
                .filter(f -> f.definition().routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + ": no function of template.yaml serves " + routeKey));
    }

}
