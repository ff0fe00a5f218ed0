package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.ltv.purchase.Purchase;
import dev.ltv.state.PurchaseChange;
import dev.ltv.store.PurchaseAttributes;
import dev.ltv.store.PurchaseItems;
import dev.ltv.store.StreamImages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a purchases-table stream record into a {@link PurchaseChange}. An image that is not a valid purchase
 * (an item written by something other than the API) counts as no purchase, exactly as the full recomputation
 * skips such items: a purchase corrected into something malformed leaves the state, one corrected back into
 * shape enters it. Every such image is reported as a problem, for the dead-letter queue.
 */
final class StreamRecordParser {

    /**
     * @param change  what to apply, or null when there is nothing (both images unusable or absent)
     * @param problem what was wrong with the record, or null
     */
    record Parsed(PurchaseChange change, String problem) {
    }

    private StreamRecordParser() {
    }

    static Parsed parse(DynamodbStreamRecord record) {
        if (record.getEventID() == null || record.getDynamodb() == null) {
            return new Parsed(null, "no eventID or no dynamodb section");
        }
        String customerId = keyString(record.getDynamodb().getKeys(), PurchaseAttributes.CUSTOMER_ID);
        if (customerId == null) {
            return new Parsed(null, "the record's keys have no customerId");
        }
        List<String> problems = new ArrayList<>();
        Purchase oldImage = image(record.getDynamodb().getOldImage(), "old image", problems);
        Purchase newImage = image(record.getDynamodb().getNewImage(), "new image", problems);
        for (Purchase image : new Purchase[]{oldImage, newImage}) {
            if (image != null && !image.customerId().equals(customerId)) {
                return new Parsed(null, "an image belongs to another customer than the record's key");
            }
        }
        String eventName = record.getEventName();
        boolean imagesMissing = "INSERT".equals(eventName) && record.getDynamodb().getNewImage() == null
                || "REMOVE".equals(eventName) && record.getDynamodb().getOldImage() == null
                || "MODIFY".equals(eventName) && (record.getDynamodb().getNewImage() == null || record.getDynamodb().getOldImage() == null);
        if (imagesMissing) {
            problems.add(eventName + " record without the images it needs (the stream view type must be NEW_AND_OLD_IMAGES)");
        }
        String problem = problems.isEmpty() ? null : String.join("; ", problems);
        if (oldImage == null && newImage == null) {
            return new Parsed(null, problem);
        }
        return new Parsed(new PurchaseChange(record.getEventID(), record.getDynamodb().getSequenceNumber(), customerId,
                oldImage, newImage), problem);
    }

    private static Purchase image(Map<String, AttributeValue> image, String which, List<String> problems) {
        var converted = StreamImages.toSdk(image);
        if (converted == null) {
            return null;
        }
        try {
            return PurchaseItems.fromItem(converted);
        } catch (PurchaseItems.MalformedItemException | IllegalArgumentException e) {
            problems.add(which + ": " + e.getMessage());
            return null;
        }
    }

    private static String keyString(Map<String, AttributeValue> keys, String name) {
        AttributeValue value = keys == null ? null : keys.get(name);
        return value == null ? null : value.getS();
    }
}
