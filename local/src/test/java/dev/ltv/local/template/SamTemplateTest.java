package dev.ltv.local.template;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamTemplateTest {

    private static final LocalBindings BINDINGS = new LocalBindings(
            Map.of("PurchasesTable", "t-PurchasesTable", "LtvTable", "t-LtvTable"), URI.create("http://127.0.0.1:8123"), "us-east-1");

    @Test
    void functionsComeWithHandlerGlobalsAndResolvedEnvironment() throws URISyntaxException {
        SamTemplate template = SamTemplate.from(Path.of(getClass().getResource("/test-template.yaml").toURI()));
        List<FunctionDefinition> functions = template.functions(BINDINGS);

        assertEquals(List.of("EchoFunction", "RecordingStreamFunction"), functions.stream().map(FunctionDefinition::logicalId).toList());
        FunctionDefinition echo = functions.get(0);
        assertEquals("dev.ltv.local.testhandlers.EchoHttpHandler", echo.handlerClass());
        assertEquals("handleRequest", echo.handlerMethod());
        assertEquals(5, echo.timeoutSeconds(), "the function's Timeout wins over Globals");
        assertEquals(512, echo.memoryMb(), "Globals MemorySize");
        assertEquals("t-PurchasesTable", echo.environment().get("PURCHASES_TABLE"), "!Ref table → local table name");
        assertEquals("t-LtvTable", echo.environment().get("LTV_TABLE"));
        assertEquals("EUR", echo.environment().get("BASE_CURRENCY"), "!Ref parameter → its Default");
        assertEquals("0.25", echo.environment().get("GROSS_MARGIN"));
        assertEquals("", echo.environment().get("ANNUAL_CHURN_RATE"));
        assertEquals("Europe/Paris", echo.environment().get("BUSINESS_TIME_ZONE"), "a literal stays a literal");
        assertEquals("2", echo.environment().get("LIFESPAN_YEARS"), "function variables merged over Globals");
        assertEquals("http://127.0.0.1:8123", echo.environment().get("DYNAMODB_ENDPOINT"), "always the local endpoint");
        assertEquals(List.of(new HttpRoute("GET", "/echo/{id}"), new HttpRoute("POST", "/echo/{id}"),
                new HttpRoute("ANY", "/files/{proxy+}"), new HttpRoute("GET", "/binary"), new HttpRoute("GET", "/boom")), echo.routes());
        assertTrue(echo.streams().isEmpty());

        FunctionDefinition stream = functions.get(1);
        assertFalse(stream.environment().containsKey("LIFESPAN_YEARS"), "another function's variables do not leak");
        assertEquals("local:StreamDeadLetterQueue", stream.environment().get("DEAD_LETTER_QUEUE_URL"));
        assertEquals(10, stream.timeoutSeconds());
        assertEquals(List.of("Nightly (Schedule)"), stream.otherEvents());
        assertEquals(new StreamEventSource("PurchasesStream", "PurchasesTable", 5, 1, true, 2, false, "TRIM_HORIZON",
                "local:StreamDeadLetterQueue.Arn"), stream.stream().orElseThrow());
    }

    @Test
    void streamDefaultsAreLambdas() {
        SamTemplate template = SamTemplate.from(write("""
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties: {}
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        S:
                          Type: DynamoDB
                          Properties:
                            Stream:
                              Fn::GetAtt: [T, StreamArn]
                            StartingPosition: LATEST
                """));
        FunctionDefinition function = template.functions(new LocalBindings(Map.of("T", "T"), URI.create("http://x"), "r")).get(0);
        assertEquals("handleRequest", function.handlerMethod());
        assertEquals(3, function.timeoutSeconds());
        assertEquals(128, function.memoryMb());
        assertEquals(new StreamEventSource("S", "T", 100, 0, false, -1, false, "LATEST", ""), function.stream().orElseThrow());
    }

    @Test
    void projectTemplateHasTheTablesAndWellFormedFunctions() {
        SamTemplate template = SamTemplate.bundled();
        assertEquals(List.of("PurchasesTable", "LtvTable"), template.tables().tableLogicalIds());

        // the functions arrive with another branch: check whatever is declared
        List<FunctionDefinition> functions = template.functions(
                new LocalBindings(Map.of("PurchasesTable", "PurchasesTable", "LtvTable", "LtvTable"), URI.create("http://x"), "us-east-1"));
        for (FunctionDefinition function : functions) {
            assertTrue(function.handlerClass().startsWith("dev.ltv."), function.handlerClass());
            assertEquals("PurchasesTable", function.environment().get("PURCHASES_TABLE"), function.logicalId());
            assertEquals("LtvTable", function.environment().get("LTV_TABLE"), function.logicalId());
            function.routes().forEach(route -> assertTrue(route.path().startsWith("/"), route.toString()));
        }
        functions.stream().filter(f -> f.logicalId().equals("RecalculateLtvFunction")).findFirst().ifPresent(recalc -> {
            StreamEventSource source = recalc.stream().orElseThrow();
            assertEquals("PurchasesTable", source.tableLogicalId());
            assertTrue(source.reportBatchItemFailures());
        });
        functions.stream().filter(f -> f.logicalId().equals("IngestPurchaseFunction")).findFirst().ifPresent(ingest ->
                assertTrue(ingest.routes().contains(new HttpRoute("POST", "/purchases")), ingest.routes().toString()));
        functions.stream().filter(f -> f.logicalId().equals("QueryLtvFunction")).findFirst().ifPresent(query ->
                assertTrue(query.routes().contains(new HttpRoute("GET", "/customers/{customerId}/ltv")), query.routes().toString()));
    }

    @Test
    void projectFunctionsRunOnSnapStartBehindAnAlias() {
        SamTemplate template = SamTemplate.bundled();
        var tree = template.tables().tree();
        var globals = tree.path("Globals").path("Function");
        List<String> functions = template.functionLogicalIds();
        assertEquals(4, functions.size(), functions.toString());
        for (String id : functions) {
            var properties = tree.path("Resources").path(id).path("Properties");
            // SnapStart needs published versions; the events must reach them through the alias
            assertEquals("PublishedVersions", effective(properties, globals, "SnapStart").path("ApplyOn").asText(), id);
            assertEquals("live", effective(properties, globals, "AutoPublishAlias").asText(), id);
            assertEquals("java25", effective(properties, globals, "Runtime").asText(), id);
        }
        // the local stack still reads every function, routes and stream included
        List<FunctionDefinition> definitions = template.functions(
                new LocalBindings(Map.of("PurchasesTable", "PurchasesTable", "LtvTable", "LtvTable"), URI.create("http://x"), "us-east-1"));
        assertEquals(functions.size(), definitions.size());
        assertTrue(definitions.stream().anyMatch(f -> f.stream().isPresent()));
    }

    private static com.fasterxml.jackson.databind.JsonNode effective(com.fasterxml.jackson.databind.JsonNode properties,
                                                                     com.fasterxml.jackson.databind.JsonNode globals, String name) {
        return properties.has(name) ? properties.path(name) : globals.path(name);
    }

    private static Path write(String yaml) {
        try {
            Path file = java.nio.file.Files.createTempFile("template", ".yaml");
            java.nio.file.Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
