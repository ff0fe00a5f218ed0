package dev.ltv.model;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

/**
 * A fitted model that is not a version yet, stored under a key of the caller's (the daily pass hands the fit from
 * one invocation to the next through the table): the same attributes as a saved version, so it reads back whole.
 */
public final class DraftModelItems {

    private DraftModelItems() {
    }

    public static Map<String, AttributeValue> toItem(Map<String, AttributeValue> key, StoredModel draft) {
        Map<String, AttributeValue> item = new HashMap<>(ModelItems.toItem(Keys.CLV_MODEL, Keys.LATEST, draft));
        item.putAll(key);
        return item;
    }

    public static StoredModel fromItem(Map<String, AttributeValue> item) {
        return ModelItems.modelFrom(item);
    }
}
