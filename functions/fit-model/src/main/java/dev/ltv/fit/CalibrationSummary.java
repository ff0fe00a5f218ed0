package dev.ltv.fit;

import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import dev.ltv.state.DayTotal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's RFM summary at the calibration end, from its stored state ({@link ScanPartial} and
 * {@link PredictPartial} read them, segment by segment).
 *
 * <p>A state holds the totals of all purchases so far. For a customer whose last purchase is on or before
 * {@code asOf} that is exactly the calibration history. A customer who bought after {@code asOf} (with the
 * default asOf, only today's buyers) is rewound from their day items, which one query reads. A refund booked
 * after {@code asOf} on an earlier day cannot be told apart from one booked before, and counts.
 */
final class CalibrationSummary {

    /** Parallel scan segments: enough to keep the Lambda's cores busy parsing, few enough not to throttle. */
    static final int SCAN_SEGMENTS = 4;

    private CalibrationSummary() {
    }

    /**
     * @param summary         the customers the models are fitted on (the pass's sample)
     * @param repeatCustomers those of them with a repeat purchase
     * @param rewound         customers summarised from their day items (they bought after asOf)
     * @param notYetCustomers customers whose first purchase is after asOf: not part of the calibration period
     * @param unusable        customers whose history the models cannot describe (net spend of their repeat
     *                        days below zero after refunds of deleted purchases): left out rather than fail the fit
     */
    record Result(RfmSummary summary, long repeatCustomers, int rewound, int notYetCustomers, int unusable) {
    }

    /** The summary of the days up to {@code asOf}, which include at least the first purchase day. */
    static Rfm rewind(List<DayTotal> days, LocalDate asOf, TimeUnit unit) {
        BigDecimal revenue = BigDecimal.ZERO;
        long purchaseDays = 0;
        DayTotal first = null;
        DayTotal last = null;
        for (DayTotal day : days) {
            if (day.day().isAfter(asOf)) {
                continue;
            }
            revenue = revenue.add(day.spend());
            if (day.isPurchaseDay()) {
                purchaseDays++;
                if (first == null || day.day().isBefore(first.day())) {
                    first = day;
                }
                if (last == null || day.day().isAfter(last.day())) {
                    last = day;
                }
            }
        }
        if (first == null) {
            // the purchases were deleted between the scan and this read
            throw new IllegalArgumentException("no purchase day on or before " + asOf + " any more");
        }
        return Rfm.fromState(purchaseDays, first.day(), last.day(), revenue, first.spend(), asOf, unit);
    }
}
