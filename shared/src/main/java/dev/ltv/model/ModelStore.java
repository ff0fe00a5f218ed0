package dev.ltv.model;

import dev.ltv.predict.ClvModel;
import dev.ltv.segment.SegmentBoundaries;
import dev.ltv.store.Backoff;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The predictive CLV model's versions in the LTV table:
 *
 * <pre>
 * pk         sk              content
 * MODEL#CLV  VERSION#000042  one saved fit (never overwritten)
 * MODEL#CLV  LATEST          a copy of the newest version: what predictions read (one GetItem)
 * MODEL#CLV  LAST_FIT        the most recent attempt: FITTED with its version, or INSUFFICIENT_DATA with the reason
 * </pre>
 *
 * A version number is taken by writing its VERSION item on the condition that it does not exist yet, in the
 * same transaction that moves LATEST (only forwards) and LAST_FIT; two concurrent fits cannot both take a
 * number, and the one that loses reads the new LATEST and takes the next.
 */
public final class ModelStore implements ModelSource {

    private static final int MAX_ATTEMPTS = 12;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String name;

    public ModelStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, Keys.CLV_MODEL);
    }

    ModelStore(DynamoDbClient dynamo, String table, String name) {
        this.dynamo = dynamo;
        this.table = table;
        this.name = name;
    }

    /**
     * Saves a fitted model as the next version and makes it the latest.
     *
     * @param repeatCustomers customers of the calibration period with a repeat purchase
     * @return the saved model with its version
     * @throws ModelStoreException when concurrent fits kept taking the version numbers first
     */
    public StoredModel save(ClvModel model, long repeatCustomers, Instant fittedAt) {
        return save(model, repeatCustomers, fittedAt, StoredModel.FitPass.NONE, null);
    }

    /** The same, with what the fit pass computed beside the two fits (candidates, lifespan, forecast). */
    public StoredModel save(ClvModel model, long repeatCustomers, Instant fittedAt, StoredModel.FitPass pass) {
        return save(model, repeatCustomers, fittedAt, pass, null);
    }

    /** As {@link #save(ClvModel, long, Instant)}, with the segment boundaries computed by the same pass (or null). */
    public StoredModel save(ClvModel model, long repeatCustomers, Instant fittedAt, SegmentBoundaries boundaries) {
        return save(model, repeatCustomers, fittedAt, StoredModel.FitPass.NONE, boundaries);
    }

    /** The same, with the fit pass's other results and the segment boundaries (or null). */
    public StoredModel save(ClvModel model, long repeatCustomers, Instant fittedAt, StoredModel.FitPass pass,
                            SegmentBoundaries boundaries) {
        return save(model, repeatCustomers, fittedAt, pass, boundaries, v -> List.of());
    }

    /**
     * The same, committing the items {@code alongside} gives for the version number in the same transaction (the
     * daily pass's record that it saved this version, so that a retried step does not save a second one).
     */
    public StoredModel save(ClvModel model, long repeatCustomers, Instant fittedAt, StoredModel.FitPass pass,
                            SegmentBoundaries boundaries,
                            java.util.function.LongFunction<List<TransactWriteItem>> alongside) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // consistent: the number must follow the newest version, not a stale copy of LATEST
            long next = read(Keys.LATEST, true).map(StoredModel::version).orElse(0L) + 1;
            StoredModel stored = StoredModel.of(next, fittedAt, model, repeatCustomers, pass).withBoundaries(boundaries);
            List<TransactWriteItem> items = List.of(
                    put(ModelItems.toItem(name, Keys.modelVersion(next), stored), "attribute_not_exists(#pk)", Map.of()),
                    put(ModelItems.toItem(name, Keys.LATEST, stored),
                            "attribute_not_exists(#pk) OR #version < :version",
                            Map.of(":version", ModelItems.n(next))),
                    put(ModelItems.toItem(name, FitAttempt.fitted(stored)), null, Map.of()));
            List<TransactWriteItem> all = new java.util.ArrayList<>(items);
            all.addAll(alongside.apply(next));
            try {
                dynamo.transactWriteItems(request -> request.transactItems(all));
                return stored;
            } catch (TransactionCanceledException e) {
                if (!lostTheVersionRace(e)) {
                    throw new ModelStoreException("saving model version " + next + " was refused: "
                            + e.cancellationReasons(), e);
                }
                Backoff.BACKGROUND.pause(attempt); // fits that lost the same number come back at different moments
            }
        }
        throw new ModelStoreException("gave up saving a model after " + MAX_ATTEMPTS
                + " attempts: other fits kept taking the version numbers", null);
    }

    /** Records a fit refused for insufficient data; the latest model stays as it is. */
    public void recordRefusal(FitAttempt refusal) {
        if (refusal.outcome() != FitAttempt.Outcome.INSUFFICIENT_DATA) {
            throw new IllegalArgumentException("only refusals are recorded on their own; a fit is saved with its model");
        }
        dynamo.putItem(request -> request.tableName(table).item(ModelItems.toItem(name, refusal)));
    }

    /** The newest model. An eventually consistent read: a model saved a moment ago may show up a moment later. */
    @Override
    public Optional<StoredModel> latest() {
        return read(Keys.LATEST, false);
    }

    /** One saved version (consistent read), or empty if there is no such version. */
    public Optional<StoredModel> version(long version) {
        return read(Keys.modelVersion(version), true);
    }

    /** The most recent fit attempt, or empty before the first fit. */
    public Optional<FitAttempt> lastFit() {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(ModelItems.key(name, Keys.LAST_FIT)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ModelItems.attemptFrom(item));
    }

    private Optional<StoredModel> read(String sk, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(ModelItems.key(name, sk)).consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ModelItems.modelFrom(item));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (condition != null) {
            put.conditionExpression(condition)
                    .expressionAttributeNames(condition.contains("#version")
                            ? Map.of("#pk", Keys.PK, "#version", ModelItems.VERSION)
                            : Map.of("#pk", Keys.PK));
            if (!values.isEmpty()) {
                put.expressionAttributeValues(values);
            }
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** A failed condition (the number was taken) or a conflicting transaction: both mean "read again, retry". */
    private static boolean lostTheVersionRace(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        boolean race = false;
        for (CancellationReason reason : e.cancellationReasons()) {
            String code = reason.code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                race = true;
            } else if (code != null && !"None".equals(code)) {
                return false;
            }
        }
        return race;
    }

    /** The store could not save a model; never the client's fault. */
    public static final class ModelStoreException extends RuntimeException {
        ModelStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
