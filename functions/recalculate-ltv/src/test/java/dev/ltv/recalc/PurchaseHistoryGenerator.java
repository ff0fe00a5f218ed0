package dev.ltv.recalc;

import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.store.PurchaseItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a random history straight into the purchases table, as ingest and its correction routes would:
 * purchases (in random date order, like a backfill), amount and date corrections, refunds, deletions of
 * refunds and purchases, and a few malformed items that no retry can fix.
 */
final class PurchaseHistoryGenerator {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Random random;
    private final int customers;
    private final Map<String, Map<String, Purchase>> live = new LinkedHashMap<>();
    private final List<String> poisonKeys = new ArrayList<>();
    private int nextId;

    PurchaseHistoryGenerator(DynamoDbClient dynamo, String table, Random random, int customers) {
        this.dynamo = dynamo;
        this.table = table;
        this.random = random;
        this.customers = customers;
    }

    List<String> customerIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ids.add(customerId(i));
        }
        return ids;
    }

    List<String> poisonCustomerIds() {
        return poisonKeys;
    }

    void run(int operations) {
        for (int i = 0; i < operations; i++) {
            int dice = random.nextInt(100);
            if (dice < 55) {
                insertPurchase();
            } else if (dice < 65) {
                correctAmount();
            } else if (dice < 72) {
                correctDate();
            } else if (dice < 82) {
                refund();
            } else if (dice < 87) {
                deleteRefund();
            } else if (dice < 96) {
                deletePurchase();
            } else if (dice < 97) {
                poison();
            } else {
                insertPurchase();
            }
        }
    }

    private static final String[] CHANNELS = {"web", "email", null, "partner", "web"};

    private void insertPurchase() {
        String customer = customerId(random.nextInt(customers));
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
        OffsetDateTime at = day.atTime(random.nextInt(24), random.nextInt(60)).atOffset(ZoneOffset.UTC);
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
        // channels from the id, not the random stream: several channels (and none) on a customer's first day
        String channel = CHANNELS[(int) (nextId % CHANNELS.length)];
        Purchase p = new Purchase(customer, "p-" + nextId++, PurchaseKind.PURCHASE, amount, "USD", at, day, channel, null, null, BigDecimal.ZERO);
        dynamo.putItem(r -> r.tableName(table).item(PurchaseItems.toItem(p)));
        live.computeIfAbsent(customer, c -> new LinkedHashMap<>()).put(p.purchaseId(), p);
    }

    private void correctAmount() {
        Purchase p = randomLive(PurchaseKind.PURCHASE);
        if (p == null) {
            return;
        }
        BigDecimal amount = p.refundedAmount().add(BigDecimal.valueOf(1 + random.nextInt(20_000), 2));
        replace(p, new Purchase(p.customerId(), p.purchaseId(), p.kind(), amount, p.currency(), p.purchasedAt(), p.day(),
                p.channel(), null, null, p.refundedAmount()));
    }

    private void correctDate() {
        Purchase p = randomLive(PurchaseKind.PURCHASE);
        if (p == null || p.refundedAmount().signum() != 0) {
            return; // a refunded purchase keeps its day: its refunds are booked to it
        }
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700));
        replace(p, new Purchase(p.customerId(), p.purchaseId(), p.kind(), p.amount(), p.currency(),
                day.atTime(12, 0).atOffset(ZoneOffset.UTC), day, p.channel(), null, null, p.refundedAmount()));
    }

    private void refund() {
        Purchase original = randomLive(PurchaseKind.PURCHASE);
        if (original == null) {
            return;
        }
        BigDecimal left = original.amount().subtract(original.refundedAmount());
        if (left.signum() <= 0) {
            return;
        }
        BigDecimal amount = left.multiply(BigDecimal.valueOf(1 + random.nextInt(100), 2)).setScale(2, java.math.RoundingMode.DOWN)
                .max(new BigDecimal("0.01")).min(left);
        Purchase refund = new Purchase(original.customerId(), "r-" + nextId++, PurchaseKind.REFUND, amount, "USD",
                original.purchasedAt().plusDays(3), original.day(), null, null, original.purchaseId(), BigDecimal.ZERO);
        dynamo.putItem(r -> r.tableName(table).item(PurchaseItems.toItem(refund)));
        live.get(refund.customerId()).put(refund.purchaseId(), refund);
        replace(original, original.withRefundedAmount(original.refundedAmount().add(amount)));
    }

    private void deleteRefund() {
        Purchase refund = randomLive(PurchaseKind.REFUND);
        if (refund == null) {
            return;
        }
        delete(refund);
        Purchase original = live.get(refund.customerId()).get(refund.refundOf());
        replace(original, original.withRefundedAmount(original.refundedAmount().subtract(refund.amount())));
    }

    private void deletePurchase() {
        Purchase p = randomLive(PurchaseKind.PURCHASE);
        if (p == null || p.refundedAmount().signum() != 0) {
            return;
        }
        delete(p);
    }

    private void poison() {
        String customer = "poison-" + nextId;
        Map<String, AttributeValue> item = Map.of(
                "customerId", AttributeValue.fromS(customer),
                "purchaseId", AttributeValue.fromS("x-" + nextId++),
                "kind", AttributeValue.fromS("PURCHASE"),
                "amount", AttributeValue.fromS("twelve dollars"));
        dynamo.putItem(r -> r.tableName(table).item(item));
        poisonKeys.add(customer);
    }

    private void replace(Purchase old, Purchase updated) {
        dynamo.putItem(r -> r.tableName(table).item(PurchaseItems.toItem(updated)));
        live.get(old.customerId()).put(updated.purchaseId(), updated);
    }

    private void delete(Purchase p) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of(
                "customerId", AttributeValue.fromS(p.customerId()), "purchaseId", AttributeValue.fromS(p.purchaseId()))));
        live.get(p.customerId()).remove(p.purchaseId());
    }

    private Purchase randomLive(PurchaseKind kind) {
        String customer = customerId(random.nextInt(customers));
        List<Purchase> candidates = live.getOrDefault(customer, Map.of()).values().stream().filter(p -> p.kind() == kind).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private static String customerId(int i) {
        return String.format("cust-%04d", i);
    }
}
