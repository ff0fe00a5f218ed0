package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ltv.purchase.Purchase;
import dev.ltv.purchase.PurchaseKind;
import dev.ltv.state.PackedRecalculation;
import dev.ltv.state.PurchaseChange;
import dev.ltv.state.Recalculator;
import dev.ltv.store.Keys;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomerPackerTest {

    @Test
    void packsConsecutiveGroupsWithinTheItemBudgetOnDistinctShards() {
        List<CustomerGroup> groups = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            groups.add(group("c-" + i, 1));
        }

        List<CustomerPack> packs = CustomerPacker.pack(groups);

        // a new purchase: its marker, a day and a year item, the state, a cohort block and an outbox item
        int perCustomer = PackedRecalculation.estimatedOwnItems(groups.getFirst().changes());
        assertEquals(6, perCustomer);
        int perPack = PackedRecalculation.OWN_ITEMS_PER_PACK / perCustomer;
        assertEquals((100 + perPack - 1) / perPack, packs.size());
        List<CustomerGroup> inOrder = new ArrayList<>();
        Set<Integer> shards = new HashSet<>();
        for (CustomerPack pack : packs) {
            assertTrue(pack.groups().size() <= perPack, "pack of " + pack.groups().size());
            inOrder.addAll(pack.groups());
            shards.add(pack.shard());
        }
        assertEquals(groups, inOrder, "packs are consecutive runs of the groups, in their order");
        assertEquals(packs.size(), shards.size(), "each pack of the batch on its own shard");
    }

    @Test
    void aGroupWithManyRecordsKeepsItsOwnPathOnItsOwnShard() {
        CustomerGroup many = group("busy", PackedRecalculation.MAX_CHANGES_PER_CUSTOMER + 1);
        List<CustomerGroup> groups = List.of(group("a", 1), group("b", 1), many, group("c", 1), group("d", 1));

        List<CustomerPack> packs = CustomerPacker.pack(groups);

        assertEquals(3, packs.size());
        assertEquals(List.of(groups.get(0), groups.get(1)), packs.get(0).groups());
        assertEquals(List.of(many), packs.get(1).groups());
        assertEquals(Keys.companyShardOf("busy"), packs.get(1).shard());
        assertEquals(List.of(groups.get(3), groups.get(4)), packs.get(2).groups());
    }

    @Test
    void aPackWithAGroupToRetryStopsTheLaterPacksAndResultsComeInGroupOrder() {
        List<CustomerGroup> groups = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            groups.add(group("c-" + i, 1));
        }
        List<CustomerPack> packs = CustomerPacker.pack(groups);
        GroupResult applied = new GroupResult.Applied(new Recalculator.Outcome(1, 0, 0));

        List<GroupResult> results = new GroupScheduler(1).runPacks(packs, pack -> {
            List<GroupResult> own = new ArrayList<>();
            for (CustomerGroup group : pack.groups()) {
                own.add(group == groups.get(15) ? new GroupResult.Retry(new RuntimeException("throttled")) : applied);
            }
            return own;
        }, () -> false);

        assertEquals(40, results.size());
        int secondPackEnds = packs.get(0).groups().size() + packs.get(1).groups().size();
        assertTrue(15 < secondPackEnds && 15 >= packs.get(0).groups().size(), "customer 15 is in the second pack");
        for (int i = 0; i < 40; i++) {
            if (i == 15) {
                assertInstanceOf(GroupResult.Retry.class, results.get(i));
            } else if (i < secondPackEnds) {
                assertEquals(applied, results.get(i), "customer " + i);
            } else {
                assertInstanceOf(GroupResult.NotStarted.class, results.get(i), "customer " + i);
            }
        }
    }

    private static CustomerGroup group(String customer, int purchases) {
        CustomerGroup group = new CustomerGroup(customer);
        for (int i = 0; i < purchases; i++) {
            OffsetDateTime at = OffsetDateTime.of(2026, 3, 1 + i, 10, 0, 0, 0, ZoneOffset.UTC);
            Purchase purchase = new Purchase(customer, "p-" + i, PurchaseKind.PURCHASE, new BigDecimal("10.00"), "USD", at,
                    LocalDate.from(at), null, null, null, BigDecimal.ZERO);
            group.add(new PurchaseChange(customer + "-" + i, String.format("%021d", i), customer, null, purchase),
                    new DynamodbStreamRecord());
        }
        return group;
    }
}
