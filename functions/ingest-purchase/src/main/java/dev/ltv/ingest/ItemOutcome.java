package dev.ltv.ingest;

import java.util.List;

/** What became of one purchase or refund a client sent. */
sealed interface ItemOutcome {

    /** Written now. */
    record Created(StoredPurchase stored) implements ItemOutcome {
    }

    /** Already stored with the same content: nothing was written. */
    record Duplicate(StoredPurchase stored) implements ItemOutcome {
    }

    /** Its key holds different content: nothing was written. */
    record Conflict(StoredPurchase stored, List<String> differingFields) implements ItemOutcome {
    }

    /** Refused by a business rule (refunds): nothing was written. */
    record Rejected(int status, String code, String field, String message) implements ItemOutcome {
    }
}
