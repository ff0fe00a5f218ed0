package dev.ltv.fit;

import dev.ltv.model.DraftModelItems;
import dev.ltv.model.StoredModel;
import dev.ltv.store.Keys;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The daily pass's items in the LTV table, under the pass's own partition ({@code PASS#<passId>}), so that its steps,
 * each a separate invocation, hand each other keys rather than data (Step Functions passes at most 256 KB between
 * states). They expire after {@link #KEPT} through the table's TTL.
 *
 * <pre>
 * pk            sk                    content
 * PASS#{id}     SCAN#00003#000        a scan worker's partial, in parts of at most 350 KB (DynamoDB's limit is 400 KB)
 * PASS#{id}     SKETCHES#00000#000    the scan partials' boundary sketches merged (for the save step)
 * PASS#{id}     PREDICT#00003#000     a prediction worker's partial
 * PASS#{id}     REASSIGN#00003#000    a reassignment worker's counts
 * PASS#{id}     DRAFT                 the fitted model before it is a version (or the refusal's reason)
 * PASS#{id}     SAVED                 the version the pass saved (written in the same transaction as the version)
 * PASS#{id}     SUMMARY               what the pass did
 * </pre>
 *
 * A worker run again overwrites its partial: its parts are written first and its part 0, which names how many parts
 * there are and the write they belong to, last; a reader takes part 0's count and checks every part's write id, so a
 * partial is read whole or not at all.
 */
final class PassStore {

    static final String PREFIX = "PASS#";
    static final Duration KEPT = Duration.ofDays(3);
    static final int PART_BYTES = 350 * 1024;
    private static final String DATA = "data";
    private static final String PARTS = "parts";
    private static final String WRITE = "writeId";

    enum Kind { SCAN, SKETCHES, PREDICT, REASSIGN }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    PassStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    void putPartial(String passId, Kind kind, int segment, byte[] data) {
        int parts = Math.max(1, (data.length + PART_BYTES - 1) / PART_BYTES);
        String writeId = UUID.randomUUID().toString();
        for (int part = parts - 1; part >= 0; part--) {
            byte[] slice = Arrays.copyOfRange(data, part * PART_BYTES, Math.min(data.length, (part + 1) * PART_BYTES));
            Map<String, AttributeValue> item = base(passId, partKey(kind, segment, part));
            item.put(DATA, AttributeValue.fromB(SdkBytes.fromByteArray(slice)));
            item.put(WRITE, AttributeValue.fromS(writeId));
            if (part == 0) {
                item.put(PARTS, AttributeValue.fromN(Integer.toString(parts)));
            }
            dynamo.putItem(request -> request.tableName(table).item(item));
        }
    }

    /** The partial a worker wrote; empty when it has not (yet) written one. */
    Optional<byte[]> partial(String passId, Kind kind, int segment) {
        Map<String, AttributeValue> first = get(passId, partKey(kind, segment, 0));
        if (first == null) {
            return Optional.empty();
        }
        int parts = Integer.parseInt(first.get(PARTS).n());
        String writeId = first.get(WRITE).s();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(first.get(DATA).b().asByteArray());
        for (int part = 1; part < parts; part++) {
            Map<String, AttributeValue> item = get(passId, partKey(kind, segment, part));
            if (item == null || !writeId.equals(item.get(WRITE).s())) {
                // a worker run twice at once, one overwriting the other's parts: the step is retried
                throw new IllegalStateException("the " + kind + " partial of segment " + segment + " of pass " + passId
                        + " is being rewritten; try again");
            }
            bytes.writeBytes(item.get(DATA).b().asByteArray());
        }
        return Optional.of(bytes.toByteArray());
    }

    byte[] requirePartial(String passId, Kind kind, int segment) {
        return partial(passId, kind, segment).orElseThrow(() -> new IllegalStateException("segment " + segment
                + " of pass " + passId + " has no " + kind + " partial: its worker has not finished"));
    }

    void putDraft(String passId, StoredModel draft) {
        Map<String, AttributeValue> item = DraftModelItems.toItem(base(passId, "DRAFT"), draft);
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    void putRefusal(String passId, String reason, long customers) {
        Map<String, AttributeValue> item = base(passId, "DRAFT");
        item.put("refused", AttributeValue.fromS(reason));
        item.put("customers", AttributeValue.fromN(Long.toString(customers)));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    /** The fit step's outcome: a draft model, or a refusal's reason with the customers it looked at. */
    sealed interface Draft permits Fitted, Refused {
    }

    record Fitted(StoredModel model) implements Draft {
    }

    record Refused(String reason, long customers) implements Draft {
    }

    Draft draft(String passId) {
        Map<String, AttributeValue> item = get(passId, "DRAFT");
        if (item == null) {
            throw new IllegalStateException("pass " + passId + " has not been fitted yet");
        }
        return item.containsKey("refused")
                ? new Refused(item.get("refused").s(), Long.parseLong(item.get("customers").n()))
                : new Fitted(DraftModelItems.fromItem(item));
    }

    /** The marker that this pass saved {@code version}: committed with the version, it fails if one is there. */
    TransactWriteItem savedMarker(String passId, long version) {
        Map<String, AttributeValue> item = base(passId, "SAVED");
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", Keys.PK))
                .build()).build();
    }

    /** The version this pass saved, if it did; 0 for a pass whose fit was refused. */
    Optional<Long> savedVersion(String passId) {
        Map<String, AttributeValue> item = get(passId, "SAVED");
        return item == null ? Optional.empty() : Optional.of(Long.parseLong(item.get("version").n()));
    }

    void putRefusedMarker(String passId) {
        Map<String, AttributeValue> item = base(passId, "SAVED");
        item.put("version", AttributeValue.fromN("0"));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    void putSummary(String passId, Map<String, Long> figures) {
        Map<String, AttributeValue> item = base(passId, "SUMMARY");
        figures.forEach((name, value) -> item.put(name, AttributeValue.fromN(Long.toString(value))));
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    private Map<String, AttributeValue> base(String passId, String sk) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, AttributeValue.fromS(PREFIX + passId));
        item.put(Keys.SK, AttributeValue.fromS(sk));
        item.put(Keys.TTL, AttributeValue.fromN(Long.toString(clock.instant().plus(KEPT).getEpochSecond())));
        return item;
    }

    private Map<String, AttributeValue> get(String passId, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of(Keys.PK, AttributeValue.fromS(PREFIX + passId), Keys.SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static String partKey(Kind kind, int segment, int part) {
        return String.format("%s#%05d#%03d", kind.name(), segment, part);
    }
}
