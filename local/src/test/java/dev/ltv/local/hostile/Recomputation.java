package dev.ltv.local.hostile;

import dev.ltv.calc.CompanyTotals;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.FullState;
import dev.ltv.state.StateRepair;
import dev.ltv.state.StateStore;
import dev.ltv.store.Keys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every customer's stored state and the company totals against a full recomputation from the purchases table,
 * through the repair path ({@link StateRepair#recompute}), as {@code ./ltv repair --all --dry-run} checks them.
 * (The repair command itself lives in the cli module, which depends on this one.)
 */
final class Recomputation {

    /** What differs: empty when everything equals the recomputation. */
    record Outcome(int customers, List<String> differences) {
        boolean consistent() {
            return differences.isEmpty();
        }
    }

    private Recomputation() {
    }

    static Outcome check(DynamoDbClient dynamo, String purchasesTable, String ltvTable) {
        StateStore store = new StateStore(dynamo, ltvTable, CapacityMeter.OFF);
        StateRepair repair = new StateRepair(dynamo, purchasesTable, store, Clock.systemUTC());
        TreeSet<String> customers = new TreeSet<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName(purchasesTable).consistentRead(true)).items()) {
            customers.add(item.get("customerId").s());
        }
        // and those with state but no purchase left, whose state must be gone
        store.scanStates(4, state -> customers.add(state.customerId()));
        List<String> differences = new ArrayList<>();
        CompanyTotals[] shards = new CompanyTotals[Keys.COMPANY_SHARDS];
        Arrays.fill(shards, CompanyTotals.EMPTY);
        for (String customer : customers) {
            FullState expected = repair.recompute(customer);
            CustomerState stored = store.readState(customer, true).orElse(null);
            boolean differs = expected.state() == null ? stored != null : stored == null || !stored.sameFiguresAs(expected.state());
            if (differs) {
                differences.add(customer + ": stored " + stored + ", recomputed " + expected.state());
            }
            if (expected.state() != null) {
                int shard = Keys.companyShardOf(customer);
                shards[shard] = shards[shard].plus(expected.state().companyContribution());
            }
        }
        CompanyTotals stored = store.readCompanyTotals();
        CompanyTotals expected = Arrays.stream(shards).reduce(CompanyTotals.EMPTY, CompanyTotals::plus);
        if (stored.customers() != expected.customers() || stored.purchases() != expected.purchases()
                || stored.revenue().compareTo(expected.revenue()) != 0 || stored.frequencySum().compareTo(expected.frequencySum()) != 0) {
            differences.add("company totals: stored " + stored + ", recomputed " + expected);
        }
        return new Outcome(customers.size(), differences);
    }
}
