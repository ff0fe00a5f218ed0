package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.ltv.api.ApiError;
import dev.ltv.api.HttpResponses;
import dev.ltv.purchase.PurchaseInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps outcomes to HTTP. One purchase: 201 created, 200 duplicate, 409 conflict, 422 refused refund. A batch:
 * 200 with one result per item in request order (not 207 Multi-Status: that is WebDAV's, and many HTTP clients
 * treat it oddly; the per-item status carries the detail).
 */
final class IngestResponses {

    static final String CONFLICT = "CONFLICT";

    record ItemResult(int index, String customerId, String purchaseId, String status, PurchaseView purchase, ApiError error) {
    }

    record Summary(int created, int duplicate, int conflict, int rejected) {
    }

    record BatchBody(Summary summary, List<ItemResult> results) {
    }

    private IngestResponses() {
    }

    static APIGatewayV2HTTPResponse single(ItemOutcome outcome) {
        return switch (outcome) {
            case ItemOutcome.Created created -> HttpResponses.json(201, PurchaseView.of(created.stored()));
            case ItemOutcome.Duplicate duplicate -> HttpResponses.json(200, PurchaseView.of(duplicate.stored()));
            case ItemOutcome.Conflict conflict -> HttpResponses.json(409, conflictError(conflict).body());
            case ItemOutcome.Rejected rejected -> HttpResponses.json(rejected.status(),
                    new ApiError(rejected.code(), rejected.message(), rejected.field()).body());
        };
    }

    static APIGatewayV2HTTPResponse batch(List<PurchaseInput> inputs, List<ItemOutcome> outcomes) {
        List<ItemResult> results = new ArrayList<>(outcomes.size());
        int created = 0;
        int duplicate = 0;
        int conflict = 0;
        int rejected = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            ItemOutcome outcome = outcomes.get(i);
            ItemResult result = switch (outcome) {
                case ItemOutcome.Created c -> item(i, inputs.get(i), "created", PurchaseView.of(c.stored()), null);
                case ItemOutcome.Duplicate d -> item(i, inputs.get(i), "duplicate", PurchaseView.of(d.stored()), null);
                case ItemOutcome.Conflict c -> item(i, inputs.get(i), "conflict", null, conflictError(c));
                case ItemOutcome.Rejected r -> item(i, inputs.get(i), "rejected", null,
                        new ApiError(r.code(), r.message(), r.field()));
            };
            switch (outcome) {
                case ItemOutcome.Created c -> created++;
                case ItemOutcome.Duplicate d -> duplicate++;
                case ItemOutcome.Conflict c -> conflict++;
                case ItemOutcome.Rejected r -> rejected++;
            }
            results.add(result);
        }
        return HttpResponses.json(200, new BatchBody(new Summary(created, duplicate, conflict, rejected), results));
    }

    private static ItemResult item(int index, PurchaseInput input, String status, PurchaseView purchase, ApiError error) {
        return new ItemResult(index, input.customerId(), input.purchaseId(), status, purchase, error);
    }

    private static ApiError conflictError(ItemOutcome.Conflict conflict) {
        return new ApiError(CONFLICT, "customer " + conflict.stored().purchase().customerId() + " already has purchase "
                + conflict.stored().purchase().purchaseId() + " with different " + String.join(", ", conflict.differingFields())
                + "; a purchaseId is used once (correct a purchase with PATCH)", "purchaseId");
    }
}
