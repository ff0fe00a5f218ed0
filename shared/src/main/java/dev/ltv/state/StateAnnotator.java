package dev.ltv.state;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Figures derived from a customer's new state that are stored with it when it is written (e.g. the
 * predicted CLV under the latest model). They are a snapshot for readers that scan states; they take no part
 * in the exactly-once arithmetic and are recomputed on every write.
 */
@FunctionalInterface
public interface StateAnnotator {

    StateAnnotator NONE = state -> Map.of();

    /** Extra attributes for the state item; their names must not clash with the state's own. */
    Map<String, AttributeValue> attributesFor(CustomerState state);
}
