package dev.ltv.dynamodblocal.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.dynamodblocal.TemplateTables;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM authorisations one SDK request needs: its action (the operation's name, except where IAM
 * authorises an operation by other actions: a transaction by its items' actions, SendMessageBatch by
 * sqs:SendMessage), the resource it names and, for DynamoDB items, the partition key values.
 */
final class RequestAuthorisations {

    /** SDK service name → IAM action prefix, where the lower-cased name is not it. */
    private static final Map<String, String> IAM_PREFIXES = Map.of(
            "DynamoDb", "dynamodb",
            "DynamoDbStreams", "dynamodb",
            "EventBridge", "events",
            "CloudWatchLogs", "logs",
            "CloudWatch", "cloudwatch");

    /** Batch operations IAM authorises by the single-entry action. */
    private static final Map<String, String> BATCH_ACTIONS = Map.of(
            "SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

    private static final Pattern EQUALITY = Pattern.compile("([#A-Za-z_][#\\w.]*)\\s*=\\s*(:\\w+)");
    private static final List<String> LOGICAL_IDS = new ArrayList<>();
    private static final Map<String, KeySchema> KEYS = keySchemas();

    private record KeySchema(String partitionKey, Map<String, String> indexPartitionKeys) {
    }

    private RequestAuthorisations() {
    }

    static List<RecordedRequest> of(String function, String service, String operation, SdkRequest request,
                                    Function<String, String> iteratorStreams) {
        String prefix = IAM_PREFIXES.getOrDefault(service, service.toLowerCase(Locale.ROOT));
        Builder out = new Builder(function, operation, prefix);
        switch (request) {
            case GetItemRequest r -> out.item("GetItem", r.tableName(), r.key());
            case PutItemRequest r -> out.item("PutItem", r.tableName(), r.item());
            case UpdateItemRequest r -> out.item("UpdateItem", r.tableName(), r.key());
            case DeleteItemRequest r -> out.item("DeleteItem", r.tableName(), r.key());
            case QueryRequest r -> out.query(r);
            case BatchGetItemRequest r -> r.requestItems().forEach((table, keys) ->
                    keys.keys().forEach(key -> out.item("BatchGetItem", table, key)));
            case BatchWriteItemRequest r -> r.requestItems().forEach((table, writes) -> writes.forEach(write ->
                    out.item("BatchWriteItem", table, write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key())));
            case TransactGetItemsRequest r -> r.transactItems().forEach(item ->
                    out.item("GetItem", item.get().tableName(), item.get().key()));
            case TransactWriteItemsRequest r -> r.transactItems().forEach(item -> transactItem(out, item));
            default -> generic(out, operation, request, iteratorStreams);
        }
        return out.requests;
    }

    private static void transactItem(Builder out, TransactWriteItem item) {
        if (item.put() != null) {
            out.item("PutItem", item.put().tableName(), item.put().item());
        } else if (item.update() != null) {
            out.item("UpdateItem", item.update().tableName(), item.update().key());
        } else if (item.delete() != null) {
            out.item("DeleteItem", item.delete().tableName(), item.delete().key());
        } else if (item.conditionCheck() != null) {
            out.item("ConditionCheckItem", item.conditionCheck().tableName(), item.conditionCheck().key());
        }
    }

    /** Any other operation: the action is its name, the resource the queue, stream, bus or table it names. */
    private static void generic(Builder out, String operation, SdkRequest request, Function<String, String> iteratorStreams) {
        String action = BATCH_ACTIONS.getOrDefault(operation, operation);
        var queueUrl = request.getValueForField("QueueUrl", String.class);
        var stream = request.getValueForField("StreamArn", String.class)
                .or(() -> request.getValueForField("ShardIterator", String.class).map(iteratorStreams));
        var table = request.getValueForField("TableName", String.class);
        if (queueUrl.isPresent()) {
            String url = queueUrl.get();
            out.add(action, "queue", url.substring(url.lastIndexOf('/') + 1), null, null);
        } else if (stream.isPresent()) {
            // arn:aws:dynamodb:region:account:table/NAME/stream/LABEL
            // (the label is a creation time: left out, so recordings stay the same from run to run)
            String[] parts = stream.get().split("/");
            out.add(action, "stream", parts.length > 1 ? parts[1] : stream.get(), null, null);
        } else if (table.isPresent()) {
            out.add(action, "table", table.get(), null, null);
        } else if ("PutEvents".equals(operation)) {
            eventBuses(request).forEach(bus -> out.add(action, "bus", bus, null, null));
        } else {
            out.add(action, "*", "*", null, null);
        }
    }

    private static List<String> eventBuses(SdkRequest request) {
        List<String> buses = new ArrayList<>();
        for (Object entry : request.getValueForField("Entries", List.class).orElse(List.of())) {
            String bus = entry instanceof SdkPojo pojo ? pojo.sdkFields().stream()
                    .filter(field -> field.memberName().equals("EventBusName"))
                    .map(field -> (String) field.getValueOrDefault(pojo))
                    .filter(value -> value != null)
                    .findFirst().orElse("default") : "default";
            // an ARN names the bus as event-bus/NAME
            buses.add(bus.substring(bus.lastIndexOf('/') + 1));
        }
        return buses;
    }

    private static final class Builder {
        final String function;
        final String operation;
        final String prefix;
        final List<RecordedRequest> requests = new ArrayList<>();

        Builder(String function, String operation, String prefix) {
            this.function = function;
            this.operation = operation;
            this.prefix = prefix;
        }

        void add(String action, String type, String name, String subresource, String leadingKey) {
            requests.add(new RecordedRequest(function, operation, prefix + ":" + action, type, logicalId(name), subresource,
                    leadingKey));
        }

        void item(String action, String table, Map<String, AttributeValue> key) {
            KeySchema schema = schemaOf(table);
            add(action, "table", table, null, schema == null ? null : text(key.get(schema.partitionKey())));
        }

        void query(QueryRequest request) {
            KeySchema schema = schemaOf(request.tableName());
            String keyName = schema == null ? null : request.indexName() == null ? schema.partitionKey()
                    : schema.indexPartitionKeys().get(request.indexName());
            String value = null;
            if (keyName != null && request.keyConditionExpression() != null) {
                Matcher matcher = EQUALITY.matcher(request.keyConditionExpression());
                while (matcher.find() && value == null) {
                    String name = request.expressionAttributeNames().getOrDefault(matcher.group(1), matcher.group(1));
                    if (name.equals(keyName)) {
                        value = text(request.expressionAttributeValues().get(matcher.group(2)));
                    }
                }
            } else if (keyName != null && request.keyConditions().containsKey(keyName)) {
                value = text(request.keyConditions().get(keyName).attributeValueList().get(0));
            }
            if (request.indexName() == null) {
                add("Query", "table", request.tableName(), null, value);
            } else {
                add("Query", "index", request.tableName(), request.indexName(), value);
            }
        }
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return null;
        }
        return value.s() != null ? value.s() : value.n() != null ? value.n() : String.valueOf(value);
    }

    private static KeySchema schemaOf(String tableName) {
        return KEYS.get(logicalId(tableName));
    }

    /**
     * The template resource a physical name stands for: the longest logical id it contains, as CloudFormation
     * names resources stack-LogicalId-SUFFIX and the tests prefix-LogicalId. Else the name itself.
     */
    static String logicalId(String physicalName) {
        return LOGICAL_IDS.stream().filter(physicalName::contains)
                .max(java.util.Comparator.comparingInt(String::length)).orElse(physicalName);
    }

    private static Map<String, KeySchema> keySchemas() {
        Map<String, KeySchema> schemas = new HashMap<>();
        TemplateTables template = TemplateTables.bundled();
        template.tree().path("Resources").fieldNames().forEachRemaining(LOGICAL_IDS::add);
        for (String id : template.tableLogicalIds()) {
            JsonNode properties = template.tree().path("Resources").path(id).path("Properties");
            Map<String, String> indexes = new HashMap<>();
            for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
                indexes.put(index.path("IndexName").asText(), hashKey(index.path("KeySchema")));
            }
            schemas.put(id, new KeySchema(hashKey(properties.path("KeySchema")), indexes));
        }
        return schemas;
    }

    private static String hashKey(JsonNode keySchema) {
        for (JsonNode element : keySchema) {
            if ("HASH".equals(element.path("KeyType").asText())) {
                return element.path("AttributeName").asText();
            }
        }
        return null;
    }
}
