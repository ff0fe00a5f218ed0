package dev.ltv.calc;

import java.math.BigDecimal;

/**
 * The sums of the customers acquired through one channel.
 *
 * @param customers        customers whose first purchase came through the channel
 * @param purchases        all their purchases
 * @param revenue          their net revenue
 * @param customerValueSum the sum of their yearly customer values (average purchase value × yearly frequency)
 */
public record ChannelTotals(long customers, long purchases, BigDecimal revenue, BigDecimal customerValueSum) {

    public static final ChannelTotals EMPTY = new ChannelTotals(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

    public ChannelTotals plus(ChannelTotals other) {
        return new ChannelTotals(customers + other.customers, purchases + other.purchases, revenue.add(other.revenue),
                customerValueSum.add(other.customerValueSum));
    }
}
