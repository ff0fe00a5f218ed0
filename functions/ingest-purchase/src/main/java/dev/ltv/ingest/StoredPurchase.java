package dev.ltv.ingest;

import dev.ltv.purchase.Purchase;
import dev.ltv.store.PurchaseAttributes;
import dev.ltv.store.PurchaseItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A purchase as the table holds it, with the moment ingest first received it.
 *
 * @param receivedAt null only for an item written by something other than ingest without that attribute
 */
record StoredPurchase(Purchase purchase, Instant receivedAt) {

    static StoredPurchase fromItem(Map<String, AttributeValue> item) {
        Purchase purchase = PurchaseItems.fromItem(item);
        AttributeValue received = item.get(PurchaseAttributes.RECEIVED_AT);
        Instant receivedAt = null;
        if (received != null && received.s() != null) {
            try {
                receivedAt = Instant.parse(received.s());
            } catch (DateTimeParseException e) {
                // informative only: a malformed receivedAt must not make the purchase unreadable
            }
        }
        return new StoredPurchase(purchase, receivedAt);
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = PurchaseItems.toItem(purchase);
        item.put(PurchaseAttributes.RECEIVED_AT, AttributeValue.fromS(receivedAt.toString()));
        return item;
    }
}
