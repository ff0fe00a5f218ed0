package dev.ltv.state;

import dev.ltv.store.Keys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergedCompanyDeltasTest {

    @Test
    void sumsTheCustomersDeltasPerCompanyItemOnTheChosenShard() {
        MergedCompanyDeltas merged = new MergedCompanyDeltas();
        merged.add(add(3, "TOTALS", "ADD #customers :customers, #revenue :revenue",
                Map.of("#customers", "customers", "#revenue", "revenue"), Map.of(":customers", "1", ":revenue", "10.50")));
        merged.add(add(40, "TOTALS", "ADD #customers :customers, #revenue :revenue",
                Map.of("#customers", "customers", "#revenue", "revenue"), Map.of(":customers", "1", ":revenue", "-0.25")));
        // cohort blocks name their attributes without placeholders
        merged.add(add(3, "COHORT#2026-03#000", "ADD r0 :r0, a0 :a0", Map.of(), Map.of(":r0", "5", ":a0", "1")));
        // one customer leaves a segment another enters: the count cancels out, the revenue does not
        merged.add(add(3, "SEGMENTS", "ADD #a0 :v0, #a1 :v1", Map.of("#a0", "n2", "#a1", "r2"), Map.of(":v0", "1", ":v1", "7")));
        merged.add(add(9, "SEGMENTS", "ADD #a0 :v0, #a1 :v1", Map.of("#a0", "n2", "#a1", "r2"), Map.of(":v0", "-1", ":v1", "-4")));

        List<TransactWriteItem> updates = merged.updates("ltv", 17);

        assertEquals(3, updates.size());
        Map<String, Map<String, BigDecimal>> bySortKey = new HashMap<>();
        for (TransactWriteItem item : updates) {
            assertEquals(Keys.companyShard(17), item.update().key().get(Keys.PK).s());
            bySortKey.put(item.update().key().get(Keys.SK).s(), deltas(item.update()));
        }
        assertEquals(Map.of("customers", new BigDecimal("2"), "revenue", new BigDecimal("10.25")), bySortKey.get("TOTALS"));
        assertEquals(Map.of("r0", new BigDecimal("5"), "a0", new BigDecimal("1")), bySortKey.get("COHORT#2026-03#000"));
        assertEquals(Map.of("r2", new BigDecimal("3")), bySortKey.get("SEGMENTS"));
    }

    @Test
    void tellsCompanyItemsFromACustomersOwnAndRefusesAnythingButAPlainAdd() {
        TransactWriteItem company = add(1, "TOTALS", "ADD #c :c", Map.of("#c", "customers"), Map.of(":c", "1"));
        assertTrue(MergedCompanyDeltas.isCompanyItem(company));
        TransactWriteItem own = TransactWriteItem.builder().update(Update.builder().tableName("ltv")
                .key(StateItems.key("CUSTOMER#c-1", "STATE")).updateExpression("ADD #c :c").build()).build();
        assertFalse(MergedCompanyDeltas.isCompanyItem(own));
        TransactWriteItem set = add(1, "TOTALS", "SET #c = :c", Map.of("#c", "customers"), Map.of(":c", "1"));
        assertThrows(IllegalStateException.class, () -> new MergedCompanyDeltas().add(set));
    }

    private static TransactWriteItem add(int shard, String sortKey, String expression, Map<String, String> names,
                                         Map<String, String> numbers) {
        Map<String, AttributeValue> values = new HashMap<>();
        numbers.forEach((name, value) -> values.put(name, AttributeValue.fromN(value)));
        Update.Builder update = Update.builder().tableName("ltv").key(StateItems.key(Keys.companyShard(shard), sortKey))
                .updateExpression(expression).expressionAttributeValues(values);
        if (!names.isEmpty()) {
            update.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private static Map<String, BigDecimal> deltas(Update update) {
        Map<String, BigDecimal> deltas = new HashMap<>();
        for (String clause : update.updateExpression().substring(4).split(",")) {
            String[] parts = clause.trim().split(" ");
            deltas.put(update.expressionAttributeNames().get(parts[0]),
                    new BigDecimal(update.expressionAttributeValues().get(parts[1]).n()));
        }
        return deltas;
    }
}
