package dev.ltv.state;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The transaction items that keep the per-channel sums: an {@code ADD} of the difference to the customer's shard of
 * its acquisition channel's sums ({@code COMPANY#nn / CHANNEL#name}: customers, purchases, revenue, the sum of the
 * customers' yearly customer values), and when the channel changes (the first purchase day changed) one to take
 * the customer out of the old channel. What a customer adds is a function of its state alone, so the difference
 * is exact. Cost per purchase: one item (two when the channel changes), no read.
 */
final class ChannelWrites {

    static final String PREFIX = "CHANNEL#";
    static final String CUSTOMERS = "customers";
    static final String PURCHASES = "purchases";
    static final String REVENUE = "revenue";
    static final String CUSTOMER_VALUE_SUM = "customerValueSum";

    private ChannelWrites() {
    }

    /** What one customer adds to its channel's sums. */
    record Share(String channel, long customers, long purchases, BigDecimal revenue, BigDecimal customerValueSum) {

        static Share of(CustomerState state) {
            if (state == null || !state.hasPurchases()) {
                return null;
            }
            String channel = state.acquisitionChannel() == null ? AcquisitionChannel.UNKNOWN : state.acquisitionChannel();
            return new Share(channel, 1, state.purchases(), state.revenue(), state.customerValuePerYear());
        }

        Share minus(Share other) {
            return new Share(channel, customers - other.customers, purchases - other.purchases,
                    revenue.subtract(other.revenue), customerValueSum.subtract(other.customerValueSum));
        }

        Share negate() {
            return new Share(channel, -customers, -purchases, revenue.negate(), customerValueSum.negate());
        }

        boolean isZero() {
            return customers == 0 && purchases == 0 && revenue.signum() == 0 && customerValueSum.signum() == 0;
        }
    }

    static List<TransactWriteItem> forTransition(String table, String customerId, CustomerState before, CustomerState after) {
        Share old = Share.of(before);
        Share updated = Share.of(after);
        List<Share> deltas = new ArrayList<>(2);
        if (old != null && updated != null && Objects.equals(old.channel(), updated.channel())) {
            deltas.add(updated.minus(old));
        } else {
            if (old != null) {
                deltas.add(old.negate());
            }
            if (updated != null) {
                deltas.add(updated);
            }
        }
        List<TransactWriteItem> items = new ArrayList<>(2);
        int shard = Keys.companyShardOf(customerId);
        for (Share delta : deltas) {
            if (!delta.isZero()) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(StateItems.key(Keys.companyShard(shard), PREFIX + delta.channel()))
                        .updateExpression("ADD #customers :customers, #purchases :purchases, #revenue :revenue, #cv :cv")
                        .expressionAttributeNames(Map.of("#customers", CUSTOMERS, "#purchases", PURCHASES,
                                "#revenue", REVENUE, "#cv", CUSTOMER_VALUE_SUM))
                        .expressionAttributeValues(Map.of(
                                ":customers", StateItems.n(delta.customers()),
                                ":purchases", StateItems.n(delta.purchases()),
                                ":revenue", StateItems.n(delta.revenue()),
                                ":cv", StateItems.n(delta.customerValueSum())))
                        .build()).build());
            }
        }
        return items;
    }

}
