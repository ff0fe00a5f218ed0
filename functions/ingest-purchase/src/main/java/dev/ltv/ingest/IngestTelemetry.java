package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ltv.observe.InvocationMetrics;
import dev.ltv.observe.StructuredLog;
import dev.ltv.purchase.PurchaseInput;

import java.util.List;

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
        long created = 0;
        long duplicate = 0;
        long conflict = 0;
        long rejected = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            String status = switch (outcomes.get(i)) {
                case ItemOutcome.Created c -> "created";
                case ItemOutcome.Duplicate d -> "duplicate";
                case ItemOutcome.Conflict c -> "conflict";
                case ItemOutcome.Rejected r -> "rejected";
            };
            switch (status) {
                case "created" -> created++;
                case "duplicate" -> duplicate++;
                case "conflict" -> conflict++;
                default -> rejected++;
            }
            PurchaseInput input = inputs.get(i);
            StructuredLog.info(context, FUNCTION, "purchase " + status, "customerId", input.customerId(),
                    "purchaseId", input.purchaseId(), "kind", input.kind().name(), "outcome", status);
        }
        metrics.count("PurchasesCreated", created).count("PurchasesDuplicate", duplicate)
                .count("PurchasesConflict", conflict).count("PurchasesRejected", rejected);
    }

    static void changed(Context context, String what, String customerId, String purchaseId) {
        StructuredLog.info(context, FUNCTION, "purchase " + what, "customerId", customerId, "purchaseId", purchaseId, "outcome", what);
    }
}
