package dev.ltv.recalc;

import java.util.List;

/**
 * Consecutive customer groups of a batch applied together, in one transaction where they fit, with their
 * company-level deltas written to {@code shard} (a single group: its own customer's shard).
 */
record CustomerPack(List<CustomerGroup> groups, int shard) {

    CustomerPack {
        groups = List.copyOf(groups);
    }
}
