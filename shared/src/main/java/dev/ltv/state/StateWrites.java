package dev.ltv.state;

import dev.ltv.calc.CompanyTotals;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transaction items that turn a customer's stored state into a transition's new state: the state item
 * (guarded by the version that was read), the touched day items, and the customer's company-totals shard
 * (adjusted by the difference, so the company sums stay exact without rereading anyone else).
 */
final class StateWrites {

    private StateWrites() {
    }

    static List<TransactWriteItem> forTransition(String table, String customerId, StateTransition transition,
                                                 StateAnnotator annotator) {
        List<TransactWriteItem> items = new ArrayList<>();
        if (!transition.changesAnything()) {
            return items;
        }
        items.add(stateWrite(table, customerId, transition.before(), transition.after(), annotator));
        for (Map.Entry<LocalDate, DayTotal> entry : transition.daysAfter().entrySet()) {
            DayTotal after = entry.getValue();
            boolean existed = !transition.daysBefore().get(entry.getKey()).isEmpty();
            if (!after.isEmpty()) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(StateItems.toItem(customerId, after)).build()).build());
            } else if (existed) {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(StateItems.dayKey(customerId, entry.getKey())).build()).build());
            }
        }
        CompanyTotals delta = contribution(transition.after()).minus(contribution(transition.before()));
        if (!delta.isZero()) {
            items.add(companyUpdate(table, Keys.companyShardOf(customerId), delta));
        }
        return items;
    }

    private static TransactWriteItem stateWrite(String table, String customerId, CustomerState before, CustomerState after,
                                                StateAnnotator annotator) {
        if (after != null) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(annotator.attributesFor(after));
            item.putAll(StateItems.toItem(after)); // the state's own attributes win over any clash
            Put.Builder put = Put.builder().tableName(table).item(item);
            guard(before, put::conditionExpression, put::expressionAttributeNames, put::expressionAttributeValues);
            return TransactWriteItem.builder().put(put.build()).build();
        }
        if (before != null) {
            Delete.Builder delete = Delete.builder().tableName(table).key(StateItems.stateKey(customerId));
            guard(before, delete::conditionExpression, delete::expressionAttributeNames, delete::expressionAttributeValues);
            return TransactWriteItem.builder().delete(delete.build()).build();
        }
        // nothing before, nothing after: still make sure nobody created the customer meanwhile
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(table).key(StateItems.stateKey(customerId));
        guard(null, check::conditionExpression, check::expressionAttributeNames, check::expressionAttributeValues);
        return TransactWriteItem.builder().conditionCheck(check.build()).build();
    }

    private static void guard(CustomerState before,
                              java.util.function.Function<String, ?> condition,
                              java.util.function.Function<Map<String, String>, ?> names,
                              java.util.function.Function<Map<String, AttributeValue>, ?> values) {
        if (before == null) {
            condition.apply("attribute_not_exists(#pk)");
            names.apply(Map.of("#pk", Keys.PK));
        } else {
            condition.apply("#version = :version");
            names.apply(Map.of("#version", StateItems.VERSION));
            values.apply(Map.of(":version", StateItems.n(before.version())));
        }
    }

    private static CompanyTotals contribution(CustomerState state) {
        return state == null ? CompanyTotals.EMPTY : state.companyContribution();
    }

    private static TransactWriteItem companyUpdate(String table, int shard, CompanyTotals delta) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(StateItems.companyKey(shard))
                .updateExpression("ADD #customers :customers, #revenue :revenue, #purchases :purchases, #frequencySum :frequencySum")
                .expressionAttributeNames(Map.of(
                        "#customers", StateItems.CUSTOMERS,
                        "#revenue", StateItems.REVENUE,
                        "#purchases", StateItems.PURCHASES,
                        "#frequencySum", StateItems.FREQUENCY_SUM))
                .expressionAttributeValues(Map.of(
                        ":customers", StateItems.n(delta.customers()),
                        ":revenue", StateItems.n(delta.revenue()),
                        ":purchases", StateItems.n(delta.purchases()),
                        ":frequencySum", StateItems.n(delta.frequencySum())))
                .build()).build();
    }
}
