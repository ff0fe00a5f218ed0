package dev.ltv.ingest;

import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.store.Backoff;
import dev.ltv.store.PurchaseItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.ltv.store.PurchaseAttributes.AMOUNT;
import static dev.ltv.store.PurchaseAttributes.CUSTOMER_ID;
import static dev.ltv.store.PurchaseAttributes.DAY;
import static dev.ltv.store.PurchaseAttributes.KIND;
import static dev.ltv.store.PurchaseAttributes.PURCHASED_AT;
import static dev.ltv.store.PurchaseAttributes.PURCHASE_ID;
import static dev.ltv.store.PurchaseAttributes.REFUNDED_AMOUNT;

/**
 * The purchases table as ingest writes it. Every write is conditional, so retries and concurrent requests can
 * never create a second item, overwrite an item, or lose a refund: a failed condition is reported to the caller,
 * which re-reads and decides.
 */
final class PurchaseTable {

    private static final String KEY_FREE = "attribute_not_exists(" + PURCHASE_ID + ")";
    private static final String KEY_TAKEN = "attribute_exists(" + PURCHASE_ID + ")";

    /** Outcome of a write guarded by what was read before it. */
    enum Write {
        /** written */
        DONE,
        /** the item's key was taken meanwhile (a put) */
        KEY_TAKEN,
        /** an item read before the write changed or vanished meanwhile: read again */
        STALE
    }

    private final DynamoDbClient dynamo;
    private final String table;

    PurchaseTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Strongly consistent: the answer to "is it there?" must see a write acknowledged a moment ago. */
    Optional<StoredPurchase> read(String customerId, String purchaseId) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(key(customerId, purchaseId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(StoredPurchase.fromItem(response.item()))
                : Optional.empty();
    }

    /**
     * Puts the purchase unless its key is taken.
     *
     * @return empty when written; otherwise the item that holds the key
     */
    Optional<StoredPurchase> putIfAbsent(StoredPurchase purchase) {
        Purchase p = purchase.purchase();
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(purchase.toItem()).conditionExpression(KEY_FREE)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException taken) {
                if (taken.hasItem() && !taken.item().isEmpty()) {
                    return Optional.of(StoredPurchase.fromItem(taken.item()));
                }
                // an endpoint that does not return the old item: read it
                Optional<StoredPurchase> existing = read(p.customerId(), p.purchaseId());
                if (existing.isPresent()) {
                    return existing;
                }
                // deleted between the two calls: the key is free again
                Backoff.INTERACTIVE.pause(attempt);
            }
        }
        throw new StoreBusyException("purchase " + p.purchaseId() + " kept being written and deleted concurrently");
    }

    /**
     * Puts a refund and raises its purchase's refundedAmount in one transaction, provided the purchase still has
     * the refundedAmount, amount and day it was read with: a correction landing in between (a lower amount, another
     * day) would otherwise let the refund exceed the purchase or be booked to a day the purchase left.
     */
    Write putRefund(StoredPurchase refund, Purchase original, BigDecimal newRefundedAmount) {
        Map<String, String> names = Map.of("#kind", KIND, "#refunded", REFUNDED_AMOUNT, "#amount", AMOUNT, "#day", DAY);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":purchase", AttributeValue.fromS(PurchaseKind.PURCHASE.name()));
        values.put(":seen", number(original.refundedAmount()));
        values.put(":new", number(newRefundedAmount));
        values.put(":amount", number(original.amount()));
        values.put(":day", AttributeValue.fromS(original.day().toString()));
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(refund.toItem())
                        .conditionExpression(KEY_FREE).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(original.customerId(), original.purchaseId()))
                        .updateExpression("SET #refunded = :new")
                        .conditionExpression("#kind = :purchase AND #amount = :amount AND #day = :day AND "
                                + refundedIs(original.refundedAmount()))
                        .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        return transact(items);
    }

    /** Deletes a refund and lowers its purchase's refundedAmount in one transaction. */
    Write deleteRefund(Purchase refund, Purchase original, BigDecimal newRefundedAmount) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":purchase", AttributeValue.fromS(PurchaseKind.PURCHASE.name()));
        values.put(":seen", number(original.refundedAmount()));
        values.put(":new", number(newRefundedAmount));
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(refund.customerId(), refund.purchaseId()))
                        .conditionExpression(KEY_TAKEN + " AND #kind = :refund")
                        .expressionAttributeNames(Map.of("#kind", KIND))
                        .expressionAttributeValues(Map.of(":refund", AttributeValue.fromS(PurchaseKind.REFUND.name())))
                        .build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(key(original.customerId(), original.purchaseId()))
                        .updateExpression("SET #refunded = :new")
                        .conditionExpression("#kind = :purchase AND " + refundedIs(original.refundedAmount()))
                        .expressionAttributeNames(Map.of("#kind", KIND, "#refunded", REFUNDED_AMOUNT))
                        .expressionAttributeValues(values).build()).build());
        return transact(items);
    }

    /** Deletes a refund whose purchase no longer exists (nothing to lower). */
    Write deleteOrphanRefund(Purchase refund) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(refund.customerId(), refund.purchaseId()))
                    .conditionExpression(KEY_TAKEN));
            return Write.DONE;
        } catch (ConditionalCheckFailedException gone) {
            return Write.STALE;
        }
    }

    /**
     * Deletes a purchase that has no refunds.
     *
     * @return the deleted item; empty when it changed meanwhile (vanished, or was refunded)
     */
    Optional<StoredPurchase> deleteUnrefundedPurchase(String customerId, String purchaseId) {
        try {
            DeleteItemResponse response = dynamo.deleteItem(b -> b.tableName(table).key(key(customerId, purchaseId))
                    .conditionExpression(KEY_TAKEN + " AND #kind = :purchase AND " + refundedIs(BigDecimal.ZERO))
                    .expressionAttributeNames(Map.of("#kind", KIND, "#refunded", REFUNDED_AMOUNT))
                    .expressionAttributeValues(Map.of(":purchase", AttributeValue.fromS(PurchaseKind.PURCHASE.name()),
                            ":seen", number(BigDecimal.ZERO)))
                    .returnValues(ReturnValue.ALL_OLD));
            return Optional.of(StoredPurchase.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException changed) {
            return Optional.empty();
        }
    }

    /**
     * Corrects a purchase's amount and time, provided its refundedAmount is still the one it was read with (the
     * caller checked the new amount against it).
     *
     * @return the corrected item; empty when it changed meanwhile
     */
    Optional<StoredPurchase> correct(Purchase current, BigDecimal amount, OffsetDateTime purchasedAt, LocalDate day) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":purchase", AttributeValue.fromS(PurchaseKind.PURCHASE.name()));
        values.put(":seen", number(current.refundedAmount()));
        values.put(":amount", number(amount));
        // the same text form as PurchaseItems writes, so every reader parses one format
        values.put(":at", AttributeValue.fromS(PurchaseItems.timestamp(purchasedAt)));
        values.put(":day", AttributeValue.fromS(day.toString()));
        try {
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(current.customerId(), current.purchaseId()))
                    .updateExpression("SET #amount = :amount, #at = :at, #day = :day")
                    .conditionExpression(KEY_TAKEN + " AND #kind = :purchase AND " + refundedIs(current.refundedAmount()))
                    .expressionAttributeNames(Map.of("#kind", KIND, "#refunded", REFUNDED_AMOUNT, "#amount", AMOUNT,
                            "#at", PURCHASED_AT, "#day", DAY))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(StoredPurchase.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException changed) {
            return Optional.empty();
        }
    }

    private Write transact(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return Write.DONE;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code()) && items.getFirst().put() != null) {
                return Write.KEY_TAKEN;
            }
            for (CancellationReason reason : reasons) {
                if ("ThrottlingError".equals(reason.code()) || "ProvisionedThroughputExceeded".equals(reason.code())) {
                    throw new StoreBusyException("purchases table throttled a transaction");
                }
            }
            for (CancellationReason reason : reasons) {
                String code = reason.code();
                if (code != null && !"None".equals(code) && !"ConditionalCheckFailed".equals(code) && !"TransactionConflict".equals(code)) {
                    throw e; // not a race (a validation error, a size limit): retrying cannot help, it is a logged 500
                }
            }
            // a failed condition on the other item, or a conflicting concurrent transaction: read again and retry
            return Write.STALE;
        }
    }

    /** A purchase written by ingest always has refundedAmount; tolerate its absence when it should be zero. */
    private static String refundedIs(BigDecimal seen) {
        return seen.signum() == 0 ? "(attribute_not_exists(#refunded) OR #refunded = :seen)" : "#refunded = :seen";
    }

    private static Map<String, AttributeValue> key(String customerId, String purchaseId) {
        return Map.of(CUSTOMER_ID, AttributeValue.fromS(customerId), PURCHASE_ID, AttributeValue.fromS(purchaseId));
    }

    private static AttributeValue number(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }
}
