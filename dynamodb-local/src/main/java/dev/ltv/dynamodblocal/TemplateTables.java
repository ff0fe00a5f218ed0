package dev.ltv.dynamodblocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DynamoDB tables of template.yaml, read from the template itself so the local stack and the tests
 * can never drift from what is deployed. CloudFormation intrinsics ({@code !Ref}, {@code !Sub}) are not
 * evaluated: table properties that matter locally are literals in the template.
 */
public final class TemplateTables {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode template;

    private TemplateTables(JsonNode template) {
        this.template = template;
    }

    /** The template bundled into this module at build time (a copy of the repository's template.yaml). */
    public static TemplateTables bundled() {
        try (InputStream in = TemplateTables.class.getClassLoader().getResourceAsStream("template.yaml")) {
            if (in == null) {
                throw new IllegalStateException("template.yaml is not on the classpath");
            }
            return new TemplateTables(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled template.yaml", e);
        }
    }

    public static TemplateTables from(Path templateFile) {
        try {
            return new TemplateTables(YAML.readTree(Files.readAllBytes(templateFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + templateFile, e);
        }
    }

    /** Logical ids of the template's AWS::DynamoDB::Table resources, in template order. */
    public List<String> tableLogicalIds() {
        List<String> ids = new ArrayList<>();
        resources().forEachRemaining(entry -> {
            if ("AWS::DynamoDB::Table".equals(entry.getValue().path("Type").asText())) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    /** A CreateTableRequest for the table with this logical id, under the given physical name. */
    public CreateTableRequest createTableRequest(String logicalId, String tableName) {
        JsonNode properties = template.path("Resources").path(logicalId).path("Properties");
        if (properties.isMissingNode()) {
            throw new IllegalArgumentException("no table " + logicalId + " in template.yaml");
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.path("AttributeDefinitions"), node -> AttributeDefinition.builder()
                        .attributeName(node.path("AttributeName").asText())
                        .attributeType(node.path("AttributeType").asText())
                        .build()))
                .keySchema(keySchema(properties.path("KeySchema")));
        JsonNode stream = properties.path("StreamSpecification");
        if (!stream.isMissingNode()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText())
                    .build());
        }
        JsonNode indexes = properties.path("GlobalSecondaryIndexes");
        if (indexes.isArray() && !indexes.isEmpty()) {
            request.globalSecondaryIndexes(list(indexes, node -> GlobalSecondaryIndex.builder()
                    .indexName(node.path("IndexName").asText())
                    .keySchema(keySchema(node.path("KeySchema")))
                    .projection(projection(node.path("Projection")))
                    .build()));
        }
        return request.build();
    }

    /** The attribute the template enables TTL on, if any. */
    public Optional<String> timeToLiveAttribute(String logicalId) {
        JsonNode ttl = template.path("Resources").path(logicalId).path("Properties").path("TimeToLiveSpecification");
        return ttl.path("Enabled").asBoolean(false) ? Optional.of(ttl.path("AttributeName").asText()) : Optional.empty();
    }

    /** Properties of the stream event source of a function, e.g. BatchSize; empty when there is none. */
    public Map<String, JsonNode> streamEventProperties(String functionLogicalId) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        JsonNode events = template.path("Resources").path(functionLogicalId).path("Properties").path("Events");
        events.elements().forEachRemaining(event -> {
            if ("DynamoDB".equals(event.path("Type").asText())) {
                event.path("Properties").fields().forEachRemaining(field -> result.put(field.getKey(), field.getValue()));
            }
        });
        return result;
    }

    /** The template's parsed tree, for other readers (e.g. the local stack's routes and environment). */
    public JsonNode tree() {
        return template;
    }

    private Iterator<Map.Entry<String, JsonNode>> resources() {
        return template.path("Resources").fields();
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        return list(node, element -> KeySchemaElement.builder()
                .attributeName(element.path("AttributeName").asText())
                .keyType(element.path("KeyType").asText())
                .build());
    }

    private static Projection projection(JsonNode node) {
        Projection.Builder projection = Projection.builder().projectionType(node.path("ProjectionType").asText("ALL"));
        if (node.path("NonKeyAttributes").isArray()) {
            projection.nonKeyAttributes(list(node.path("NonKeyAttributes"), JsonNode::asText));
        }
        return projection.build();
    }

    private static <T> List<T> list(JsonNode array, java.util.function.Function<JsonNode, T> mapper) {
        List<T> result = new ArrayList<>();
        array.elements().forEachRemaining(node -> result.add(mapper.apply(node)));
        return result;
    }
}
