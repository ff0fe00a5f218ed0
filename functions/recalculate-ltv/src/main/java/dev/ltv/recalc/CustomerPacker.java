package dev.ltv.recalc;

import dev.ltv.state.PackedRecalculation;
import dev.ltv.store.Keys;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch's customer groups, in their order, into packs whose items should fit one transaction.
 *
 * <p>The estimate ({@link PackedRecalculation#estimatedOwnItems}) counts a group's own items and leaves the rest of
 * the transaction to the company items the pack's customers share once merged; {@link PackedRecalculation} counts
 * the real items and splits a pack that does not fit after all. A group with many records (several
 * transactions' worth, a cohort move of a long history) keeps its own path, alone.
 *
 * <p>Packs get consecutive company shards from the batch's first customer's shard on: the packs of one batch run at
 * once on different shards, and batches of other stream shards (other customers) start elsewhere.
 */
final class CustomerPacker {

    private CustomerPacker() {
    }

    static List<CustomerPack> pack(List<CustomerGroup> groups) {
        List<CustomerPack> packs = new ArrayList<>();
        if (groups.isEmpty()) {
            return packs;
        }
        int nextShard = Keys.companyShardOf(groups.getFirst().customerId());
        List<CustomerGroup> current = new ArrayList<>();
        int items = 0;
        for (CustomerGroup group : groups) {
            if (group.changes().size() > PackedRecalculation.MAX_CHANGES_PER_CUSTOMER) {
                if (!current.isEmpty()) {
                    packs.add(close(current, nextShard++));
                    current = new ArrayList<>();
                    items = 0;
                }
                packs.add(close(List.of(group), nextShard));
                continue;
            }
            int own = PackedRecalculation.estimatedOwnItems(group.changes());
            if (!current.isEmpty() && (items + own > PackedRecalculation.OWN_ITEMS_PER_PACK
                    || current.size() == PackedRecalculation.MAX_CUSTOMERS_PER_PACK)) {
                packs.add(close(current, nextShard++));
                current = new ArrayList<>();
                items = 0;
            }
            current.add(group);
            items += own;
        }
        if (!current.isEmpty()) {
            packs.add(close(current, nextShard));
        }
        return packs;
    }

    /** A customer alone writes to its own shard, as on the single-customer path. */
    private static CustomerPack close(List<CustomerGroup> groups, int shard) {
        return new CustomerPack(groups, groups.size() == 1
                ? Keys.companyShardOf(groups.getFirst().customerId())
                : Math.floorMod(shard, Keys.COMPANY_SHARDS));
    }
}
