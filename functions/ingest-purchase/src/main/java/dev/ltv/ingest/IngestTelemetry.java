package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ltv.observe.InvocationMetrics;
import dev.ltv.observe.StructuredLog;
import dev.ltv.purchase.PurchaseInput;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ingest publishes besides its answer: the outcome counts of a POST (the batch summary's four figures, as
 * metrics) and one log line per purchase with its ids, so that a purchase can be followed into the recalculation,
 * which logs the same ids with the stream record's eventID.
 */
final class IngestTelemetry {

    static final String FUNCTION = "IngestPurchaseFunction";

    private IngestTelemetry() {
    }

    static void posted(Context context, InvocationMetrics metrics, List<PurchaseInput> inputs, List<ItemOutcome> outcomes) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            String status = status(outcomes.get(i));
            counts.merge(status, 1L, Long::sum);
            PurchaseInput input = inputs.get(i);
            StructuredLog.info(context, FUNCTION, "purchase " + status, "customerId", input.customerId(),
                    "purchaseId", input.purchaseId(), "kind", input.kind().name(), "outcome", status);
        }
        metrics.count("PurchasesCreated", counts.getOrDefault("created", 0L))
                .count("PurchasesDuplicate", counts.getOrDefault("duplicate", 0L))
                .count("PurchasesConflict", counts.getOrDefault("conflict", 0L))
                .count("PurchasesRejected", counts.getOrDefault("rejected", 0L));
    }

    /** As the batch response names it. */
    private static String status(ItemOutcome outcome) {
        return switch (outcome) {
            case ItemOutcome.Created c -> "created";
            case ItemOutcome.Duplicate d -> "duplicate";
            case ItemOutcome.Conflict c -> "conflict";
            case ItemOutcome.Rejected r -> "rejected";
        };
    }

    static void changed(Context context, String what, String customerId, String purchaseId) {
        StructuredLog.info(context, FUNCTION, "purchase " + what, "customerId", customerId, "purchaseId", purchaseId, "outcome", what);
    }
}
