package dev.ltv.state;

import dev.ltv.purchase.Purchase;

/**
 * What one stored purchase or refund adds to its customer's state. This is the single definition of the
 * state: the incremental path applies differences of contributions, the full recomputation sums them.
 */
public final class Contribution {

    private Contribution() {
    }

    public static DayDelta of(Purchase purchase) {
        return switch (purchase.kind()) {
            case PURCHASE -> new DayDelta(purchase.day(), purchase.amount(), 1, java.util.Map.of(AcquisitionChannel.of(purchase), 1L));
            // a refund lowers the value of the order it refunds (booked on that order's day), not the order count
            case REFUND -> new DayDelta(purchase.day(), purchase.amount().negate(), 0);
        };
    }
}
