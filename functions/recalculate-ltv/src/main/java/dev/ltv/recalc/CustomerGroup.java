package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ltv.state.PurchaseChange;

import java.util.ArrayList;
import java.util.List;

/** One customer's records of a stream batch, in stream order: applied together, in one state update. */
record CustomerGroup(String customerId, List<PurchaseChange> changes, List<DynamodbStreamRecord> records) {

    CustomerGroup(String customerId) {
        this(customerId, new ArrayList<>(), new ArrayList<>());
    }

    void add(PurchaseChange change, DynamodbStreamRecord record) {
        changes.add(change);
        records.add(record);
    }

    /** The checkpoint to report when this group has to be retried: Lambda redelivers from there. */
    String firstSequenceNumber() {
        return changes.get(0).sequenceNumber();
    }
}
