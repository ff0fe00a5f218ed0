package dev.ltv.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's description, docs/openapi.yaml, as a test oracle. An exchange (a request and the response it got)
 * keeps the contract when:
 * <ul>
 *   <li>its route and method are described, and the response's status is one the operation declares;</li>
 *   <li>the response body is valid against that status's schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1;
 *       response objects refuse undeclared members, so an undocumented field fails);</li>
 *   <li>when the API accepted the request (2xx): its path and query parameters and its body are valid against the
 *       operation's, and it used no undeclared query parameter. Refused requests are not checked: the tests send
 *       invalid ones on purpose, and their answers must still match the declared error.</li>
 * </ul>
 * A request for no described route must get a 404: the error body, or API Gateway's own
 * {@code {"message": "Not Found"}}.
 */
public final class OpenApiContract {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static volatile OpenApiContract instance;

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<Pattern, String> pathTemplates = new LinkedHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        Iterator<String> paths = document.get("paths").fieldNames();
        while (paths.hasNext()) {
            String template = paths.next();
            pathTemplates.put(Pattern.compile(template.replaceAll("\\{[^/}]+}", "([^/]+)")), template);
        }
    }

    /** docs/openapi.yaml of the checkout the tests run in, read once. */
    public static OpenApiContract load() {
        if (instance == null) {
            synchronized (OpenApiContract.class) {
                if (instance == null) {
                    instance = new OpenApiContract(read(documentPath()));
                }
            }
        }
        return instance;
    }

    public static Path documentPath() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs").resolve("openapi.yaml");
    }

    public JsonNode document() {
        return document;
    }

    /** One request as a client sends it and the response it got. */
    public record Exchange(String method, String path, Map<String, String> query, String requestBody,
                           int status, String responseContentType, String responseBody) {

        /** A handler invocation with an HTTP API (payload 2.0) event, as API Gateway would have made it. */
        public static Exchange of(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
            String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                    ? event.getRequestContext().getHttp().getMethod() : null;
            if (method == null && event.getRouteKey() != null && event.getRouteKey().contains(" ")) {
                method = event.getRouteKey().substring(0, event.getRouteKey().indexOf(' '));
            }
            String body = event.getBody();
            if (body != null && event.getIsBase64Encoded()) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
            String contentType = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            return new Exchange(method, event.getRawPath(), query(event.getRawQueryString()), body,
                    response.getStatusCode(), contentType, response.getBody());
        }

        public static Map<String, String> query(String rawQuery) {
            Map<String, String> query = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return query;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b); // as API Gateway joins a repeated parameter
            }
            return query;
        }
    }

    /** Fails with every way the exchange breaks the contract. */
    public void check(Exchange exchange) {
        List<String> problems = problems(exchange);
        if (!problems.isEmpty()) {
            throw new AssertionError("docs/openapi.yaml does not describe " + exchange.method() + " " + exchange.path()
                    + " -> " + exchange.status() + ":\n  " + String.join("\n  ", problems)
                    + "\n  response: " + exchange.responseBody());
        }
    }

    public void check(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        check(Exchange.of(event, response));
    }

    public List<String> problems(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        String path = exchange.path() == null ? "" : exchange.path();
        String template = null;
        Matcher matched = null;
        for (Map.Entry<Pattern, String> candidate : pathTemplates.entrySet()) {
            Matcher m = candidate.getKey().matcher(path);
            if (m.matches()) {
                template = candidate.getValue();
                matched = m;
                break;
            }
        }
        String method = exchange.method() == null ? "" : exchange.method().toLowerCase();
        JsonNode pathItem = template == null ? null : document.get("paths").get(template);
        if (pathItem == null || !METHODS.contains(method) || !pathItem.has(method)) {
            // no described route: the API must say so, with its error body (a function behind the route) or
            // API Gateway's own {"message": "Not Found"} (no route at all)
            if (exchange.status() != 404) {
                problems.add("no described route, but the status is " + exchange.status() + " (expected 404)");
            }
            if (!isGatewayNotFound(exchange.responseBody())) {
                validateBody("#/components/schemas/Error", exchange.responseBody(), "response", problems);
            }
            return problems;
        }
        String operationPointer = "#/paths/" + escape(template) + "/" + method;
        JsonNode operation = pathItem.get(method);

        JsonNode responses = operation.get("responses");
        String statusKey = String.valueOf(exchange.status());
        String responsePointer = operationPointer + "/responses/" + statusKey;
        JsonNode response = responses.get(statusKey);
        if (response == null && responses.has("default")) {
            response = responses.get("default");
            responsePointer = operationPointer + "/responses/default";
        }
        if (response == null) {
            problems.add("status " + exchange.status() + " is not declared for " + method.toUpperCase() + " " + template);
        } else {
            if (response.has("$ref")) {
                responsePointer = response.get("$ref").asText();
                response = resolve(responsePointer);
            }
            JsonNode content = response.path("content").path("application/json");
            if (content.isMissingNode()) {
                if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
                    problems.add("a body is sent, but status " + statusKey + " declares none");
                }
            } else {
                if (exchange.responseContentType() == null || !exchange.responseContentType().startsWith("application/json")) {
                    problems.add("Content-Type is " + exchange.responseContentType() + ", not application/json");
                }
                validateBody(responsePointer + "/content/application~1json/schema", exchange.responseBody(), "response", problems);
            }
        }
        if (exchange.status() >= 200 && exchange.status() < 300) {
            checkRequest(exchange, pathItem, operation, operationPointer, matched, template, problems);
        }
        return problems;
    }

    private void checkRequest(Exchange exchange, JsonNode pathItem, JsonNode operation, String operationPointer,
                              Matcher matched, String template, List<String> problems) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode list : new JsonNode[]{pathItem.path("parameters"), operation.path("parameters")}) {
            for (JsonNode parameter : list) {
                JsonNode resolved = parameter.has("$ref") ? resolve(parameter.get("$ref").asText()) : parameter;
                parameters.put(resolved.get("in").asText() + ":" + resolved.get("name").asText(), resolved);
            }
        }
        List<String> pathNames = new ArrayList<>();
        Matcher names = Pattern.compile("\\{([^/}]+)}").matcher(template);
        while (names.find()) {
            pathNames.add(names.group(1));
        }
        for (int i = 0; i < pathNames.size(); i++) {
            JsonNode parameter = parameters.get("path:" + pathNames.get(i));
            if (parameter == null) {
                problems.add("path parameter " + pathNames.get(i) + " is not declared");
                continue;
            }
            String value = URLDecoder.decode(matched.group(i + 1), StandardCharsets.UTF_8);
            validateValue(parameter.get("schema"), TextNode.valueOf(value), "path parameter " + pathNames.get(i), problems);
        }
        for (Map.Entry<String, String> sent : exchange.query().entrySet()) {
            JsonNode parameter = parameters.get("query:" + sent.getKey());
            JsonNode exploded = parameter != null ? null : explodedObjectParameter(parameters.values(), sent.getKey());
            if (exploded != null) {
                // a form-exploded object (e.g. acquisitionCost.<channel>): each name is one of its properties
                validateValue(exploded.get("schema").get("additionalProperties"), TextNode.valueOf(sent.getValue()),
                        "query parameter " + sent.getKey(), problems);
            } else if (parameter == null) {
                problems.add("query parameter " + sent.getKey() + " was accepted but is not declared");
            } else {
                validateValue(parameter.get("schema"), TextNode.valueOf(sent.getValue()), "query parameter " + sent.getKey(), problems);
            }
        }
        parameters.values().stream()
                .filter(p -> p.path("required").asBoolean(false) && "query".equals(p.get("in").asText()))
                .filter(p -> !exchange.query().containsKey(p.get("name").asText()))
                .forEach(p -> problems.add("required query parameter " + p.get("name").asText() + " is missing"));

        JsonNode requestBody = operation.get("requestBody");
        boolean sentBody = exchange.requestBody() != null && !exchange.requestBody().isBlank();
        if (requestBody == null) {
            if (sentBody) {
                problems.add("a request body was accepted, but the operation declares none");
            }
        } else if (sentBody) {
            validateBody(operationPointer + "/requestBody/content/application~1json/schema", exchange.requestBody(), "request", problems);
        } else if (requestBody.path("required").asBoolean(false)) {
            problems.add("the request body is required, but none was sent and the request was accepted");
        }
    }

    private static boolean isGatewayNotFound(String body) {
        try {
            JsonNode json = body == null ? null : JSON.readTree(body);
            return json != null && json.size() == 1 && json.path("message").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private void validateBody(String pointer, String body, String what, List<String> problems) {
        JsonNode json;
        try {
            json = body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            problems.add(what + " body is not JSON: " + e.getMessage());
            return;
        }
        if (json == null) {
            problems.add(what + " body is empty");
            return;
        }
        for (ValidationMessage message : schema(pointer).validate(json)) {
            problems.add(what + ": " + message.getMessage());
        }
    }

    private void validateValue(JsonNode schemaNode, JsonNode value, String what, List<String> problems) {
        JsonSchema schema = schemaNode.has("$ref") ? schema(schemaNode.get("$ref").asText()) : inline(schemaNode);
        for (ValidationMessage message : schema.validate(value)) {
            problems.add(what + ": " + message.getMessage());
        }
    }

    /**
     * A schema at a pointer into the document, its $refs resolving against the whole document: the document
     * itself is the root schema (its OpenAPI members are unknown keywords there, and ignored) with a $ref to the
     * pointer.
     */
    private JsonSchema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            ObjectNode root = document.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", p);
            return factory.getSchema(root);
        });
    }

    private JsonSchema inline(JsonNode schemaNode) {
        return schemas.computeIfAbsent("inline:" + schemaNode, p -> {
            ObjectNode root = document.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("allOf", JSON.createArrayNode().add(schemaNode));
            return factory.getSchema(root);
        });
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("only local references: " + ref);
        }
        JsonNode node = document.at(ref.substring(1));
        if (node.isMissingNode()) {
            throw new IllegalStateException("docs/openapi.yaml has no " + ref);
        }
        return node;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A query parameter declared as a form-exploded object whose property names match {@code name}, else null. */
    private static JsonNode explodedObjectParameter(java.util.Collection<JsonNode> parameters, String name) {
        for (JsonNode parameter : parameters) {
            JsonNode schema = parameter.path("schema");
            if ("query".equals(parameter.path("in").asText()) && "form".equals(parameter.path("style").asText("form"))
                    && parameter.path("explode").asBoolean(true) && "object".equals(schema.path("type").asText())
                    && schema.path("propertyNames").has("pattern")
                    && Pattern.compile(schema.path("propertyNames").path("pattern").asText()).matcher(name).find()) {
                return parameter;
            }
        }
        return null;
    }
}
