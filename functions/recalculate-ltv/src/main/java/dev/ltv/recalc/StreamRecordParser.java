package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ltv.purchase.Purchase;
import dev.ltv.state.PurchaseChange;
import dev.ltv.store.PurchaseItems;
import dev.ltv.store.StreamImages;

/** Turns a purchases-table stream record into a {@link PurchaseChange}, or says why it cannot. */
final class StreamRecordParser {

    private StreamRecordParser() {
    }

    static PurchaseChange parse(DynamodbStreamRecord record) {
        if (record.getEventID() == null || record.getDynamodb() == null) {
            throw new UnusableRecordException("no eventID or no dynamodb section");
        }
        Purchase oldImage = image(record.getDynamodb().getOldImage(), "old image");
        Purchase newImage = image(record.getDynamodb().getNewImage(), "new image");
        String eventName = record.getEventName();
        if ("INSERT".equals(eventName) && newImage == null
                || "MODIFY".equals(eventName) && (newImage == null || oldImage == null)
                || "REMOVE".equals(eventName) && oldImage == null) {
            throw new UnusableRecordException(eventName + " record without the images it needs (stream view type must be NEW_AND_OLD_IMAGES)");
        }
        if (oldImage == null && newImage == null) {
            throw new UnusableRecordException("record has neither an old nor a new image");
        }
        if (oldImage != null && newImage != null && !oldImage.customerId().equals(newImage.customerId())) {
            throw new UnusableRecordException("old and new image belong to different customers");
        }
        String customerId = newImage != null ? newImage.customerId() : oldImage.customerId();
        return new PurchaseChange(record.getEventID(), record.getDynamodb().getSequenceNumber(), customerId, oldImage, newImage);
    }

    private static Purchase image(java.util.Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image,
                                  String which) {
        var converted = StreamImages.toSdk(image);
        if (converted == null) {
            return null;
        }
        try {
            return PurchaseItems.fromItem(converted);
        } catch (PurchaseItems.MalformedItemException | IllegalArgumentException e) {
            throw new UnusableRecordException(which + ": " + e.getMessage());
        }
    }

    /** A record no retry can fix: it goes to the dead-letter queue instead of blocking its shard. */
    static final class UnusableRecordException extends RuntimeException {
        UnusableRecordException(String message) {
            super(message);
        }
    }
}
