package dev.ltv.state;

import dev.ltv.calc.CompanyTotals;
import dev.ltv.calc.CustomerTotals;
import dev.ltv.calc.PurchaseFrequency;
import dev.ltv.segment.SegmentMembership;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's running totals: everything the classic formula and the predictive models need, kept
 * in one small item whatever the length of the history (the per-day figures live in their own items).
 *
 * @param revenue        net revenue: the sum of all day spends (purchases minus refunds)
 * @param purchases      number of purchases (orders)
 * @param purchaseDays   number of distinct days with at least one purchase
 * @param firstDay       first purchase day (null when there is no purchase left)
 * @param lastDay        last purchase day (null when there is no purchase left)
 * @param firstDaySpend  net spend of the first purchase day (the spend model leaves that day out)
 * @param version        incremented by every write; writes are conditional on it (optimistic locking)
 * @param acquisitionChannel the channel of the first purchase ({@link AcquisitionChannel}); null without purchases
 *                       (and in states written before it was kept, until they are repaired)
 * @param segments       the segments stored with the state (null before any boundaries, or when the customer
 *                       has none); what it contributes to the per-segment totals is subtracted when it is replaced
 */
public record CustomerState(
        String customerId,
        BigDecimal revenue,
        long purchases,
        long purchaseDays,
        LocalDate firstDay,
        LocalDate lastDay,
        BigDecimal firstDaySpend,
        long version,
        Instant updatedAt,
        String acquisitionChannel,
        SegmentMembership segments) {

    static final int FREQUENCY_SCALE = 12;

    public CustomerState {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(firstDaySpend, "firstDaySpend");
        if ((purchases > 0) != (firstDay != null && lastDay != null)) {
            throw new IllegalArgumentException("first and last purchase days exist exactly when there are purchases");
        }
    }

    /** A state of an unknown channel and without stored segments. */
    public CustomerState(String customerId, BigDecimal revenue, long purchases, long purchaseDays, LocalDate firstDay,
                         LocalDate lastDay, BigDecimal firstDaySpend, long version, Instant updatedAt) {
        this(customerId, revenue, purchases, purchaseDays, firstDay, lastDay, firstDaySpend, version, updatedAt,
                purchases > 0 ? AcquisitionChannel.UNKNOWN : null);
    }

    /** A state without stored segments (what a transition computes; the segments are assigned when it is written). */
    public CustomerState(String customerId, BigDecimal revenue, long purchases, long purchaseDays, LocalDate firstDay,
                         LocalDate lastDay, BigDecimal firstDaySpend, long version, Instant updatedAt,
                         String acquisitionChannel) {
        this(customerId, revenue, purchases, purchaseDays, firstDay, lastDay, firstDaySpend, version, updatedAt,
                acquisitionChannel, null);
    }

    public boolean hasPurchases() {
        return purchases > 0;
    }

    /** The classic formula's input, or empty for a customer with no purchase left. */
    public Optional<CustomerTotals> classicTotals() {
        return hasPurchases() ? Optional.of(new CustomerTotals(revenue, purchases, firstDay, lastDay)) : Optional.empty();
    }

    /**
     * Yearly purchase frequency as the company totals sum it (0 without purchases), at a fixed 12 decimals:
     * a DynamoDB number holds 38 significant digits, and a sum over millions of customers must fit.
     */
    public BigDecimal frequencyPerYear() {
        return hasPurchases()
                ? PurchaseFrequency.perYear(purchases, firstDay, lastDay).setScale(FREQUENCY_SCALE, RoundingMode.HALF_EVEN)
                : BigDecimal.ZERO;
    }

    /**
     * Yearly customer value (average purchase value × yearly frequency), 0 without purchases, at a fixed 12
     * decimals so that the channel sums can subtract exactly what they once added.
     */
    public BigDecimal customerValuePerYear() {
        return hasPurchases()
                ? revenue.multiply(PurchaseFrequency.perYear(purchases, firstDay, lastDay), dev.ltv.calc.Rounding.INTERMEDIATE)
                        .divide(BigDecimal.valueOf(purchases), dev.ltv.calc.Rounding.INTERMEDIATE)
                        .setScale(FREQUENCY_SCALE, RoundingMode.HALF_EVEN)
                : BigDecimal.ZERO;
    }

    /** This customer's share of the company totals. */
    public CompanyTotals companyContribution() {
        return new CompanyTotals(hasPurchases() ? 1 : 0, revenue, purchases, frequencyPerYear());
    }

    /** Same figures, ignoring version and update time: what "equal to a full recomputation" means. */
    public boolean sameFiguresAs(CustomerState other) {
        return customerId.equals(other.customerId)
                && revenue.compareTo(other.revenue) == 0
                && purchases == other.purchases
                && purchaseDays == other.purchaseDays
                && Objects.equals(firstDay, other.firstDay)
                && Objects.equals(lastDay, other.lastDay)
                && firstDaySpend.compareTo(other.firstDaySpend) == 0
                && Objects.equals(acquisitionChannel, other.acquisitionChannel);
    }
}
