package dev.ltv.cli.repair;

import dev.ltv.calc.CompanyTotals;
import dev.ltv.cli.CommandLine;
import dev.ltv.cli.UsageException;
import dev.ltv.state.CapacityMeter;
import dev.ltv.state.CustomerState;
import dev.ltv.state.FullState;
import dev.ltv.state.StateRepair;
import dev.ltv.state.StateStore;
import dev.ltv.store.Keys;
import dev.ltv.store.PurchaseAttributes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The explicit repair path: recomputes customers from all their purchases and rewrites their state and
 * the company totals. O(history) per customer, unlike the stream path; for recovering from a bug or a
 * manual edit of the LTV table. Run it while the stream is drained (or its event source mapping disabled):
 * a record still in flight would be counted twice.
 *
 * <pre>
 * ltv repair --purchases-table NAME --ltv-table NAME (--customer ID ... | --all) [--endpoint URL] [--dry-run]
 * </pre>
 * Credentials and region come from the usual AWS SDK sources (environment, profile).
 */
public final class RepairCommand {

    public static final String USAGE = """
            usage: ltv repair --purchases-table NAME --ltv-table NAME (--customer ID ... | --all) [--endpoint URL] [--dry-run]
              Recomputes customers from all their purchases and rewrites their state (and, with --all, the
              company totals). Run it while the stream is drained. Credentials and region: the AWS SDK's chain.
              --dry-run   only report who differs""";

    private RepairCommand() {
    }

    /**
     * Runs the command; {@code client} is null to build one from the options and the environment. Returns
     * the exit status; throws {@link UsageException} for a bad command line.
     */
    public static int run(String[] args, PrintStream out, DynamoDbClient client) {
        String purchasesTable = null;
        String ltvTable = null;
        String endpoint = null;
        boolean all = false;
        boolean dryRun = false;
        List<String> customers = new ArrayList<>();
        CommandLine line = new CommandLine(args);
        while (line.hasNext()) {
            String option = line.next();
            switch (option) {
                case "--purchases-table" -> purchasesTable = line.value(option);
                case "--ltv-table" -> ltvTable = line.value(option);
                case "--endpoint" -> endpoint = line.value(option);
                case "--customer" -> customers.add(line.value(option));
                case "--all" -> {
                    line.flag(option);
                    all = true;
                }
                case "--dry-run" -> {
                    line.flag(option);
                    dryRun = true;
                }
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (purchasesTable == null || ltvTable == null) {
            throw new UsageException("--purchases-table and --ltv-table are required");
        }
        if (all == !customers.isEmpty()) {
            throw new UsageException("name customers with --customer, or repair every customer with --all");
        }
        DynamoDbClient dynamo = client != null ? client : client(endpoint);
        StateStore store = new StateStore(dynamo, ltvTable, CapacityMeter.OFF);
        StateRepair repair = new StateRepair(dynamo, purchasesTable, store, Clock.systemUTC());
        if (all) {
            TreeSet<String> everyone = allCustomers(dynamo, purchasesTable);
            // and those with state but no purchase left, whose state must go
            store.scanStates(4, state -> everyone.add(state.customerId()));
            customers.addAll(everyone);
        }
        int changed = 0;
        CompanyTotals[] shards = new CompanyTotals[Keys.COMPANY_SHARDS];
        Arrays.fill(shards, CompanyTotals.EMPTY);
        for (String customer : customers) {
            boolean differs;
            CustomerState state;
            if (dryRun) {
                FullState expected = repair.recompute(customer);
                CustomerState stored = store.readState(customer, true).orElse(null);
                differs = expected.state() == null ? stored != null : stored == null || !stored.sameFiguresAs(expected.state());
                state = expected.state();
            } else {
                StateRepair.Repaired repaired = repair.repair(customer);
                differs = repaired.changed();
                state = repaired.state();
            }
            if (state != null) {
                int shard = Keys.companyShardOf(customer);
                shards[shard] = shards[shard].plus(state.companyContribution());
            }
            changed += differs ? 1 : 0;
            out.println(customer + ": " + (differs ? (dryRun ? "differs" : "repaired") : "consistent"));
        }
        if (all) {
            CompanyTotals stored = store.readCompanyTotals();
            CompanyTotals expected = Arrays.stream(shards).reduce(CompanyTotals.EMPTY, CompanyTotals::plus);
            boolean companyDiffers = !sameTotals(stored, expected);
            if (companyDiffers && !dryRun) {
                // every customer was recomputed: the company totals are rebuilt from them, not adjusted
                repair.rewriteCompanyTotals(shard -> shards[shard]);
            }
            out.println("company totals: " + (companyDiffers ? (dryRun ? "differ" : "rebuilt") : "consistent"));
        }
        out.println(customers.size() + " customer(s) checked, " + changed + (dryRun ? " differ" : " repaired"));
        return 0;
    }

    private static boolean sameTotals(CompanyTotals a, CompanyTotals b) {
        return a.customers() == b.customers() && a.purchases() == b.purchases()
                && a.revenue().compareTo(b.revenue()) == 0 && a.frequencySum().compareTo(b.frequencySum()) == 0;
    }

    private static DynamoDbClient client(String endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** Every customer with a purchase: a full scan, projected to the key. */
    private static TreeSet<String> allCustomers(DynamoDbClient dynamo, String table) {
        TreeSet<String> customers = new TreeSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            ScanResponse page = dynamo.scan(request -> request.tableName(table)
                    .projectionExpression("#c").expressionAttributeNames(Map.of("#c", PurchaseAttributes.CUSTOMER_ID))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> customers.add(item.get(PurchaseAttributes.CUSTOMER_ID).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return customers;
    }
}
