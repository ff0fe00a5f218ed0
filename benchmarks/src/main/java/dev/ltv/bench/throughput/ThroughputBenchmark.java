package dev.ltv.bench.throughput;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.dynamodblocal.StreamEvents;
import dev.ltv.dynamodblocal.StreamReader;
import dev.ltv.ingest.IngestPurchaseHandler;
import dev.ltv.local.LocalStack;
import dev.ltv.local.LocalStackOptions;
import dev.ltv.recalc.RecalculateLtvHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput, side by side in one run (machines are shared and noisy: the figures that matter are ratios):
 * <ol>
 *   <li>the raw rate of conditional {@code PutItem}s that the local stack's DynamoDB Local sustains (8 threads);</li>
 *   <li>the local stack's HTTP API under N clients posting batches of 100 purchases: the ingest rate (until the
 *       last POST is answered) and the end-to-end rate (until {@code GET /metrics} counts every purchase: ingest,
 *       stream, recalculation);</li>
 *   <li>with a round-trip latency injected into every DynamoDB request (to model AWS): how long a batch POST of
 *       100 purchases takes against one of a single purchase, and the records per second one stream shard's
 *       recalculation applies for batches of 100 distinct customers, one pack of customers (one transaction) at a
 *       time against the default concurrency.</li>
 * </ol>
 * Usage: {@code java -cp ltv-benchmarks.jar dev.ltv.bench.throughput.ThroughputBenchmark
 * [--clients 8] [--purchases 10000] [--customers 2000] [--latency-ms 5] [--rounds 6]}, from the repository root
 * (the local stack reads ./template.yaml).
 */
public final class ThroughputBenchmark {

    private static final int BATCH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final StringBuilder report = new StringBuilder();

    private ThroughputBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new ThroughputBenchmark(options).run();
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        int clients = option("clients", 8);
        int purchases = option("purchases", 10_000);
        int customers = option("customers", 2_000);
        int latencyMillis = option("latency-ms", 5);
        int rounds = option("rounds", 6);

        double raw;
        double rawTransactions;
        EndToEnd endToEnd;
        try (LocalStack stack = LocalStack.start(LocalStackOptions.defaults().withPort(0))) {
            raw = rawPutRate(stack.dynamo(), 8, 4_000);
            rawTransactions = rawTransactionRate(stack.dynamo(), 8, 2_000);
            endToEnd = endToEnd(stack.baseUri(), clients, purchases, customers);
        }
        line("## Local stack, %d clients, batches of %d, %,d purchases over %,d customers", clients, BATCH, purchases, customers);
        line("");
        line("| | rate | × raw |");
        line("|---|---:|---:|");
        line("| raw conditional PutItem, 8 threads | %,.0f / s | 1.00 |", raw);
        line("| ingest (until the last POST is answered, %.2f s) | %,.0f purchases / s | %.2f |",
                endToEnd.ingestSeconds, purchases / endToEnd.ingestSeconds, purchases / endToEnd.ingestSeconds / raw);
        line("| end to end (until /metrics counts every purchase, %.2f s) | %,.0f purchases / s | %.2f |",
                endToEnd.endSeconds, purchases / endToEnd.endSeconds, purchases / endToEnd.endSeconds / raw);
        line("");
        line("Where the time goes: the same DynamoDB Local applies %,.0f transactions / s (8 threads) shaped like the "
                + "recalculation's (a conditional marker put, the state put, a day put, an ADD to a company shard), %.2f × the "
                + "raw put rate. Ingest put every purchase within %.1f s; the stream then needed %.1f s more to apply the last "
                + "of them.", rawTransactions, rawTransactions / raw, endToEnd.ingestSeconds, endToEnd.endSeconds - endToEnd.ingestSeconds);
        line("");

        try (LocalDynamoDb dynamo = LocalDynamoDb.start(Optional.empty())) {
            withLatency(dynamo, Duration.ofMillis(latencyMillis), rounds);
        }
        System.out.print(report);
        Path out = Path.of("benchmarks/target/throughput-report.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, report);
        }
    }

    // ---- 1. raw conditional puts ----

    private static double rawPutRate(DynamoDbClient client, int threads, int puts) throws Exception {
        String table = "raw-puts-" + System.nanoTime();
        client.createTable(request -> request.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key -> key.attributeName("customerId").keyType(KeyType.HASH),
                        key -> key.attributeName("purchaseId").keyType(KeyType.RANGE))
                .attributeDefinitions(
                        attribute -> attribute.attributeName("customerId").attributeType(ScalarAttributeType.S),
                        attribute -> attribute.attributeName("purchaseId").attributeType(ScalarAttributeType.S)));
        putMany(client, table, "warm", threads, puts / 5);
        long start = System.nanoTime();
        putMany(client, table, "run", threads, puts);
        return puts / seconds(start);
    }

    private static void putMany(DynamoDbClient client, String table, String prefix, int threads, int puts) throws Exception {
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = thread; i < puts; i += threads) {
                    Map<String, AttributeValue> item = new HashMap<>();
                    // the size and shape of a stored purchase
                    item.put("customerId", AttributeValue.fromS("c-" + (i % 2_000)));
                    item.put("purchaseId", AttributeValue.fromS(prefix + "-" + i));
                    item.put("kind", AttributeValue.fromS("PURCHASE"));
                    item.put("amount", AttributeValue.fromN("42.50"));
                    item.put("currency", AttributeValue.fromS("USD"));
                    item.put("purchasedAt", AttributeValue.fromS("2026-03-01T10:00:00Z"));
                    item.put("day", AttributeValue.fromS("2026-03-01"));
                    item.put("refundedAmount", AttributeValue.fromN("0"));
                    item.put("receivedAt", AttributeValue.fromS("2026-03-01T10:00:01.123Z"));
                    client.putItem(request -> request.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(customerId)"));
                }
                return null;
            });
        }
        runAll(work);
    }

    /** Transactions of the recalculation's shape: new marker, state and day items, and an ADD to a company item. */
    private static double rawTransactionRate(DynamoDbClient client, int threads, int transactions) throws Exception {
        String table = "raw-transactions-" + System.nanoTime();
        client.createTable(request -> request.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key -> key.attributeName("pk").keyType(KeyType.HASH), key -> key.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(attribute -> attribute.attributeName("pk").attributeType(ScalarAttributeType.S),
                        attribute -> attribute.attributeName("sk").attributeType(ScalarAttributeType.S)));
        long[] start = new long[1];
        for (String phase : List.of("warm", "run")) {
            int count = phase.equals("warm") ? transactions / 5 : transactions;
            start[0] = System.nanoTime();
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = thread; i < count; i += threads) {
                        String customer = "CUSTOMER#" + phase + "-" + i;
                        client.transactWriteItems(request -> request.transactItems(
                                item -> item.put(put -> put.tableName(table).item(Map.of("pk", AttributeValue.fromS(customer),
                                                "sk", AttributeValue.fromS("APPLIED#" + thread + "-" + System.nanoTime()),
                                                "appliedAt", AttributeValue.fromS("2026-03-01T10:00:01Z")))
                                        .conditionExpression("attribute_not_exists(pk)")),
                                item -> item.put(put -> put.tableName(table).item(Map.of("pk", AttributeValue.fromS(customer),
                                        "sk", AttributeValue.fromS("STATE"), "revenue", AttributeValue.fromN("42.5"),
                                        "purchases", AttributeValue.fromN("1"), "version", AttributeValue.fromN("1")))),
                                item -> item.put(put -> put.tableName(table).item(Map.of("pk", AttributeValue.fromS(customer),
                                        "sk", AttributeValue.fromS("DAY#2026-03-01"), "spend", AttributeValue.fromN("42.5"),
                                        "purchases", AttributeValue.fromN("1")))),
                                // one company item per thread: the benchmark measures cost, not conflicts
                                item -> item.update(update -> update.tableName(table)
                                        .key(Map.of("pk", AttributeValue.fromS("COMPANY#" + thread), "sk", AttributeValue.fromS("TOTALS")))
                                        .updateExpression("ADD purchases :one")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
                    }
                    return null;
                });
            }
            runAll(work);
        }
        return transactions / seconds(start[0]);
    }

    // ---- 2. the local stack end to end ----

    private record EndToEnd(double ingestSeconds, double endSeconds) {
    }

    private static EndToEnd endToEnd(URI api, int clients, int purchases, int customers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long expected = purchases + companyPurchases(http, api);
        List<String> bodies = batchBodies("p", purchases, customers, new Random(42));
        long start = System.nanoTime();
        List<Callable<Void>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(() -> {
                for (int b = client; b < bodies.size(); b += clients) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/purchases"))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(b))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode summary = JSON.readTree(response.body()).path("summary");
                    if (response.statusCode() != 200 || summary.path("created").asInt() != BATCH) {
                        throw new IllegalStateException("batch " + b + ": " + response.statusCode() + " " + response.body());
                    }
                }
                return null;
            });
        }
        runAll(work);
        double ingest = seconds(start);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (companyPurchases(http, api) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stream did not catch up within 10 minutes");
            }
            Thread.sleep(20);
        }
        return new EndToEnd(ingest, seconds(start));
    }

    private static long companyPurchases(HttpClient http, URI api) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("purchases").asLong();
    }

    /** Batches of 100 purchases, each for a random one of {@code customers} customers, on days in 2025. */
    private static List<String> batchBodies(String prefix, int purchases, int customers, Random random) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < purchases; from += BATCH) {
            StringBuilder body = new StringBuilder("{\"purchases\": [");
            for (int i = from; i < Math.min(purchases, from + BATCH); i++) {
                body.append(i == from ? "" : ",").append(purchase(prefix + "-" + i, "c-" + random.nextInt(customers),
                        LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365)), 1 + random.nextInt(20_000)));
            }
            bodies.add(body.append("]}").toString());
        }
        return bodies;
    }

    private static String purchase(String purchaseId, String customerId, LocalDate day, int cents) {
        return String.format(Locale.ROOT, "{\"purchaseId\": \"%s\", \"customerId\": \"%s\", \"amount\": \"%d.%02d\", "
                + "\"currency\": \"USD\", \"purchasedAt\": \"%sT12:00:00Z\"}", purchaseId, customerId, cents / 100, cents % 100, day);
    }

    // ---- 3. with injected round-trip latency ----

    private void withLatency(LocalDynamoDb dynamo, Duration latency, int rounds) {
        Map<String, String> tables = dynamo.createTables("latency-");
        InjectedLatency interceptor = new InjectedLatency(Duration.ZERO);
        DynamoDbClient slow = lambdaLikeClient(dynamo.endpoint(), interceptor);
        LtvConfig ingestConfig = config(dynamo, tables.get("PurchasesTable"), tables.get("LtvTable"));
        IngestPurchaseHandler ingest = new IngestPurchaseHandler(ingestConfig, slow);
        double roundTrip = latency.toMillis();
        List<Duration> latencies = List.of(Duration.ZERO, latency);

        line("## One function with %d ms injected per DynamoDB request", latency.toMillis());
        line("");
        line("Each configuration also without injected latency: the difference is what the round trips add, in round trips.");
        line("");
        line("Ingest (`POST /purchases`), median of %d requests after one warm-up:", rounds - 1);
        line("");
        line("| request | no latency | %d ms latency | added, in round trips | DynamoDB requests each |", latency.toMillis());
        line("|---|---:|---:|---:|---|");
        Random random = new Random(7);
        Map<Duration, List<Double>> single = new HashMap<>();
        Map<Duration, List<Double>> batch = new HashMap<>();
        Map<Duration, Map<String, Long>> singleRequests = new HashMap<>();
        Map<Duration, Map<String, Long>> batchRequests = new HashMap<>();
        int batchRound = 0;
        // rounds alternate between the latencies, so that warming up favours neither
        for (int round = 0; round < rounds; round++) {
            for (Duration injected : latencies) {
                interceptor.set(injected);
                interceptor.drain();
                String id = "solo-" + injected.toMillis() + "-" + round;
                long start = System.nanoTime();
                post(ingest, purchase(id, id, LocalDate.of(2025, 6, 1), 1000));
                single.computeIfAbsent(injected, key -> new ArrayList<>()).add(seconds(start) * 1000);
                singleRequests.put(injected, interceptor.drain());
                StringBuilder body = new StringBuilder("{\"purchases\": [");
                for (int i = 0; i < BATCH; i++) {
                    // the same 100 customers every round: later rounds update existing customers
                    body.append(i == 0 ? "" : ",").append(purchase("b" + batchRound + "-" + i, "k-" + i,
                            LocalDate.of(2025, 1, 1).plusDays(batchRound * 7L + random.nextInt(7)), 1 + random.nextInt(20_000)));
                }
                batchRound++;
                start = System.nanoTime();
                post(ingest, body.append("]}").toString());
                batch.computeIfAbsent(injected, key -> new ArrayList<>()).add(seconds(start) * 1000);
                batchRequests.put(injected, interceptor.drain());
            }
        }
        line("| 1 purchase | %.1f ms | %.1f ms | %.1f | %s |", median(single.get(Duration.ZERO)), median(single.get(latency)),
                (median(single.get(latency)) - median(single.get(Duration.ZERO))) / roundTrip, perRequest(singleRequests.get(latency), 1));
        line("| batch of %d purchases | %.1f ms | %.1f ms | %.1f | %s |", BATCH, median(batch.get(Duration.ZERO)),
                median(batch.get(latency)), (median(batch.get(latency)) - median(batch.get(Duration.ZERO))) / roundTrip,
                perRequest(batchRequests.get(latency), 1));
        line("");

        // The stream records of the batches (the single purchases left out): one batch = 100 distinct customers.
        StreamReader reader = new StreamReader(dynamo.streams(),
                dynamo.client().describeTable(r -> r.tableName(tables.get("PurchasesTable"))).table().latestStreamArn());
        List<DynamodbStreamRecord> records = new ArrayList<>();
        reader.readNew().forEach(record -> {
            if (record.dynamodb().keys().get("customerId").s().startsWith("k-")) {
                records.add(StreamEvents.toLambdaRecord(record, reader.streamArn(), LocalDynamoDb.REGION));
            }
        });
        line("Recalculation of one stream shard, batches of %d records of %d distinct customers "
                + "(median of %d batches after one warm-up, each configuration on its own LTV table):", BATCH, BATCH,
                records.size() / BATCH - 1);
        line("");
        line("| packs at once | latency | time per batch | records / s | added by latency, in round trips "
                + "| CPU per batch: function, DynamoDB Local | DynamoDB requests per batch |");
        line("|---:|---:|---:|---:|---:|---|---|");
        Duration high = latency.multipliedBy(4);
        for (int concurrency : new int[]{1, 16}) {
            double withoutLatency = 0;
            List<Duration> runs = concurrency == 1 ? latencies : List.of(Duration.ZERO, latency, high);
            for (Duration injected : runs) {
                interceptor.set(injected);
                CpuSplit cpu = new CpuSplit(name -> name.equals(Thread.currentThread().getName()) || name.startsWith("recalculate-")
                        || name.startsWith("sdk-"));
                double millis = recalculate(dynamo, tables, slow, interceptor, records, concurrency, cpu);
                Map<String, Long> requests = interceptor.drain();
                int batches = records.size() / BATCH;
                if (injected.isZero()) {
                    withoutLatency = millis;
                }
                line("| %d | %d ms | %.0f ms | %,.0f | %s | %.0f ms, %.0f ms | %s |", concurrency, injected.toMillis(), millis,
                        BATCH * 1000 / millis,
                        injected.isZero() ? "" : String.format(Locale.ROOT, "%.1f", (millis - withoutLatency) / injected.toMillis()),
                        cpu.functionMillis / batches, cpu.otherMillis / batches, perRequest(requests, batches));
            }
        }
        line("");
    }

    /** Applies the records in batches of 100 with a fresh LTV table; the median time per batch, in ms. */
    private static double recalculate(LocalDynamoDb dynamo, Map<String, String> tables, DynamoDbClient client,
                                      InjectedLatency interceptor, List<DynamodbStreamRecord> records, int concurrency,
                                      CpuSplit cpu) {
        LtvConfig config = config(dynamo, tables.get("PurchasesTable"),
                dynamo.createTables("recalc-" + System.nanoTime() + "-").get("LtvTable"));
        RecalculateLtvHandler handler = new RecalculateLtvHandler(config, client, (record, reason) -> {
            throw new IllegalStateException("unexpected unusable record " + record.getEventID() + ": " + reason);
        }, concurrency);
        List<Double> times = new ArrayList<>();
        interceptor.drain();
        cpu.start();
        for (int from = 0; from < records.size(); from += BATCH) {
            List<DynamodbStreamRecord> slice = records.subList(from, Math.min(records.size(), from + BATCH));
            long start = System.nanoTime();
            StreamsEventResponse response = handler.handleRequest(StreamEvents.event(slice), null);
            times.add(seconds(start) * 1000);
            if (response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("a batch reported failures: " + response.getBatchItemFailures());
            }
        }
        cpu.stop();
        return median(times);
    }

    private static void post(IngestPurchaseHandler handler, String body) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /purchases").withRawPath("/purchases").withBody(body)
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/purchases").build())
                        .withRequestId("bench").build())
                .build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        if (response.getStatusCode() >= 300) {
            throw new IllegalStateException("ingest answered " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    /** The client a function builds (url-connection, see DynamoDbClients), with the latency interceptor. */
    private static DynamoDbClient lambdaLikeClient(URI endpoint, InjectedLatency latency) {
        System.setProperty("http.maxConnections", "100"); // as DynamoDbClients does for the functions
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(latency)
                        .apiCallTimeout(Duration.ofSeconds(20)).build())
                .endpointOverride(endpoint)
                .region(Region.of(LocalDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY, "local")))
                .build();
    }

    private static LtvConfig config(LocalDynamoDb dynamo, String purchasesTable, String ltvTable) {
        return LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", purchasesTable, "LTV_TABLE", ltvTable,
                "DYNAMODB_ENDPOINT", dynamo.endpoint().toString())));
    }

    // ---- helpers ----

    private static String perRequest(Map<String, Long> counts, int requests) {
        StringBuilder text = new StringBuilder();
        counts.forEach((operation, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f", operation, (double) count / requests)));
        return text.toString();
    }

    private static double median(List<Double> values) {
        List<Double> timed = new ArrayList<>(values.subList(Math.min(1, values.size() - 1), values.size())); // first: warm-up
        timed.sort(Double::compare);
        int middle = timed.size() / 2;
        return timed.size() % 2 == 1 ? timed.get(middle) : (timed.get(middle - 1) + timed.get(middle)) / 2;
    }

    private static void runAll(List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            for (Future<Void> future : pool.invokeAll(work)) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
