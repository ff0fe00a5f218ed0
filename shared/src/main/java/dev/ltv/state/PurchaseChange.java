package dev.ltv.state;

import dev.ltv.purchase.Purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One stream record of the purchases table: a purchase inserted (old image absent), modified (both), or
 * removed (new image absent).
 *
 * @param eventId        the stream record's id: the same for every redelivery of that record, distinct for
 *                       every change, which makes it the key of the record's "applied" marker
 * @param sequenceNumber the record's position in its shard, reported back when processing fails
 */
public record PurchaseChange(String eventId, String sequenceNumber, String customerId, Purchase oldImage, Purchase newImage) {

    public PurchaseChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(customerId, "customerId");
        if (oldImage == null && newImage == null) {
            throw new IllegalArgumentException("a change has an old image, a new image, or both");
        }
    }

    /** The difference this change makes: the new image's contribution minus the old one's. */
    public List<DayDelta> deltas() {
        List<DayDelta> deltas = new ArrayList<>(2);
        if (newImage != null) {
            deltas.add(Contribution.of(newImage));
        }
        if (oldImage != null) {
            deltas.add(Contribution.of(oldImage).negate());
        }
        return DayDelta.merge(deltas);
    }
}
