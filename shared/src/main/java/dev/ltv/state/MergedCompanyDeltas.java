package dev.ltv.state;

import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The company-level {@code ADD}s of several customers' transactions, summed per company item, so that the
 * customers can share one {@code TransactWriteItems}: DynamoDB refuses two operations on one item in a transaction,
 * and one update per company item is also what keeps the transaction small.
 *
 * <p>Every company figure (totals, period sums, channel sums, cohort blocks, segment totals) is read as the sum over
 * all {@link Keys#COMPANY_SHARDS} shards, so a customer's difference may land in any shard: the merged deltas go to
 * the shard chosen for the transaction, which lets concurrent transactions use different shards.
 *
 * <p>The writers build these updates as plain {@code ADD} expressions of numbers (no condition); they are read back
 * from the update itself rather than from a second description of each aggregate, so a new aggregate is merged
 * without change here. Anything else on a company item is a defect and refused.
 */
final class MergedCompanyDeltas {

    private static final String COMPANY_PREFIX = Keys.companyShard(0).substring(0, Keys.companyShard(0).length() - 2);

    /** Per company item (its sort key): attribute → summed delta, in the order first seen. */
    private final Map<String, Map<String, BigDecimal>> bySortKey = new TreeMap<>();

    static boolean isCompanyItem(TransactWriteItem item) {
        if (item.update() == null) {
            return false;
        }
        AttributeValue pk = item.update().key().get(Keys.PK);
        return pk != null && pk.s() != null && pk.s().startsWith(COMPANY_PREFIX);
    }

    static String sortKeyOf(TransactWriteItem item) {
        return item.update().key().get(Keys.SK).s();
    }

    /** Adds one customer's company update. */
    void add(TransactWriteItem item) {
        Update update = item.update();
        String expression = update.updateExpression();
        if (update.conditionExpression() != null || expression == null || !expression.startsWith("ADD ")) {
            throw new IllegalStateException("not a plain ADD on a company item: " + expression);
        }
        Map<String, BigDecimal> sums = bySortKey.computeIfAbsent(sortKeyOf(item), sk -> new LinkedHashMap<>());
        for (String clause : expression.substring(4).split(",")) {
            String[] parts = clause.trim().split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith(":")) {
                throw new IllegalStateException("not a plain ADD on a company item: " + expression);
            }
            String name = parts[0].startsWith("#") ? update.expressionAttributeNames().get(parts[0]) : parts[0];
            AttributeValue value = update.expressionAttributeValues().get(parts[1]);
            if (name == null || value == null || value.n() == null) {
                throw new IllegalStateException("not a plain ADD of a number on a company item: " + expression);
            }
            sums.merge(name, new BigDecimal(value.n()), BigDecimal::add);
        }
    }

    /** One update per company item whose deltas do not cancel out, on the given shard. */
    List<TransactWriteItem> updates(String table, int shard) {
        List<TransactWriteItem> items = new ArrayList<>();
        bySortKey.forEach((sortKey, sums) -> {
            StringBuilder expression = new StringBuilder("ADD ");
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            int i = 0;
            for (Map.Entry<String, BigDecimal> sum : sums.entrySet()) {
                if (sum.getValue().signum() == 0) {
                    continue; // e.g. one customer leaves a segment that another enters: nothing to write
                }
                expression.append(i == 0 ? "" : ", ").append("#a").append(i).append(" :v").append(i);
                names.put("#a" + i, sum.getKey());
                values.put(":v" + i, StateItems.n(sum.getValue()));
                i++;
            }
            if (i > 0) {
                items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(StateItems.key(Keys.companyShard(shard), sortKey))
                        .updateExpression(expression.toString())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build()).build());
            }
        });
        return items;
    }
}
