package dev.ltv.bench.ranking;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.dynamodblocal.QueryCounter;
import dev.ltv.query.QueryLtvHandler;
import dev.ltv.rank.RankingAttributes;
import dev.ltv.state.CustomerState;
import dev.ltv.store.Keys;
import dev.ltv.testing.RecordingContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency and DynamoDB requests of {@code GET /customers} (the query function's handler, in-process) on a base of
 * synthetic customers in DynamoDB Local (in memory, on the loopback interface), for each order and with segment
 * filters; first pages and pages deep in the ranking (reached by following the cursors). For scale, the same
 * first page computed the way the indexes avoid: a scan of every state and a sort, in the same run.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/ltv-benchmarks.jar
 * dev.ltv.bench.ranking.RankingBenchmark [customers, default 100000] [calls per case, default 300]}
 */
public final class RankingBenchmark {

    private static final String[] SEGMENTS = {"rfm:champions", "ltv:top-1-percent", "churn:high"};

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(Optional.empty())) {
            Map<String, String> tables = dynamo.createTables("ranking-");
            LtvConfig config = LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", tables.get("PurchasesTable"),
                    "LTV_TABLE", tables.get("LtvTable"), "DYNAMODB_ENDPOINT", dynamo.endpoint().toString())));
            long seedStart = System.nanoTime();
            Map<String, Integer> segmentSizes = seed(dynamo.client(), config, customers);
            System.out.printf(Locale.ROOT, "seeded %,d customer states in %.1f s; segment sizes %s%n", customers,
                    (System.nanoTime() - seedStart) / 1e9, segmentSizes);

            QueryCounter counting = new QueryCounter(dynamo.client());
            QueryLtvHandler handler = new QueryLtvHandler(config, counting);
            List<String> rows = new ArrayList<>();
            rows.add("| case | calls | median ms | p99 ms | DynamoDB requests / call | index items read / call | customers / page |");
            rows.add("|---|---:|---:|---:|---:|---:|---:|");
            for (String orderBy : List.of("ltv", "predictedClv", "revenue")) {
                rows.add(run(handler, counting, "orderBy=" + orderBy + "&limit=100", calls, 0));
            }
            rows.add(run(handler, counting, "orderBy=ltv&order=asc&limit=100", calls, 0));
            rows.add(run(handler, counting, "orderBy=ltv&limit=100 (pages 2–20, by cursor)", calls, 19));
            rows.add(run(handler, counting, "orderBy=ltv&limit=1000", Math.max(20, calls / 10), 0));
            for (String segment : SEGMENTS) {
                rows.add(run(handler, counting, "orderBy=predictedClv&limit=100&segment=" + segment, calls, 0));
            }
            rows.add(scanAndSort(dynamo.client(), config.ltvTable(), 3));
            rows.forEach(System.out::println);
        }
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    /** Writes synthetic customer states with the attributes the recalculation writes; returns each segment's size. */
    static Map<String, Integer> seed(DynamoDbClient client, LtvConfig config, int customers) throws Exception {
        RankingAttributes rankings = new RankingAttributes(config.ltvParameters(), config.baseCurrency());
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>(customers);
        Random random = new Random(11);
        LocalDate today = LocalDate.of(2026, 11, 30);
        for (int i = 0; i < customers; i++) {
            String id = String.format("cust-%07d", i);
            long purchases = random.nextDouble() < 0.55 ? 1 : 2 + (long) (-Math.log(1 - random.nextDouble()) * 4);
            BigDecimal revenue = BigDecimal.valueOf(Math.exp(3.5 + random.nextGaussian() * 0.8) * purchases).setScale(2, RoundingMode.HALF_EVEN);
            LocalDate first = today.minusDays(random.nextInt(1100));
            LocalDate last = purchases == 1 ? first : first.plusDays(random.nextInt((int) (today.toEpochDay() - first.toEpochDay()) + 1));
            CustomerState state = new CustomerState(id, revenue, purchases, purchases, first, last,
                    revenue.divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_EVEN), 1, Instant.parse("2026-11-30T06:00:00Z"));
            BigDecimal clv = purchases == 1 && random.nextBoolean() ? null
                    : revenue.multiply(BigDecimal.valueOf(random.nextDouble())).setScale(2, RoundingMode.HALF_EVEN);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Keys.PK, AttributeValue.fromS(Keys.customer(id)));
            item.put(Keys.SK, AttributeValue.fromS(Keys.STATE));
            item.put("customerId", AttributeValue.fromS(id));
            item.put("revenue", AttributeValue.fromN(revenue.toPlainString()));
            item.put("purchases", AttributeValue.fromN(Long.toString(purchases)));
            item.put("purchaseDays", AttributeValue.fromN(Long.toString(purchases)));
            item.put("firstDay", AttributeValue.fromS(first.toString()));
            item.put("lastDay", AttributeValue.fromS(last.toString()));
            item.put("version", AttributeValue.fromN("1"));
            item.put("updatedAt", AttributeValue.fromS("2026-11-30T06:00:00Z"));
            if (clv != null) {
                item.put("predictedClv", AttributeValue.fromN(clv.toPlainString()));
                item.put("predictedAsOf", AttributeValue.fromS(today.toString()));
            }
            // shares like the real segments': 10 % champions, 1 % top LTV, 30 % high churn risk
            List<String> segments = new ArrayList<>();
            segments.add(random.nextDouble() < 0.10 ? "rfm:champions" : "rfm:hibernating");
            segments.add(random.nextDouble() < 0.01 ? "ltv:top-1-percent" : "ltv:bottom-50-percent");
            segments.add(random.nextDouble() < 0.30 ? "churn:high" : "churn:low");
            segments.forEach(s -> sizes.merge(s, 1, Integer::sum));
            item.put("segments", AttributeValue.fromSs(segments));
            item.putAll(rankings.of(state, clv));
            items.add(item);
        }
        AtomicLong written = new AtomicLong();
        String table = config.ltvTable();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<?>> pending = new ArrayList<>();
            for (int from = 0; from < items.size(); from += 25) {
                List<Map<String, AttributeValue>> chunk = items.subList(from, Math.min(items.size(), from + 25));
                pending.add(threads.submit(() -> {
                    List<WriteRequest> writes = chunk.stream().map(item -> WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(item).build()).build()).toList();
                    Map<String, List<WriteRequest>> left = Map.of(table, writes);
                    while (!left.isEmpty()) {
                        Map<String, List<WriteRequest>> request = left;
                        left = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                    }
                    written.addAndGet(chunk.size());
                }));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        }
        return sizes;
    }

    /** Calls the route (a first page, or {@code deeper} pages after it by cursor) and times every call. */
    private static String run(QueryLtvHandler handler, QueryCounter counting, String label, int calls, int deeper) throws Exception {
        String query = label.contains(" ") ? label.substring(0, label.indexOf(' ')) : label;
        for (int i = 0; i < Math.min(30, calls); i++) {
            call(handler, query); // warm-up
        }
        long[] nanos = new long[calls];
        long requests = 0;
        long items = 0;
        long listed = 0;
        String cursor = null;
        int depth = 0;
        for (int i = 0; i < calls; i++) {
            if (deeper > 0 && (cursor == null || depth == deeper)) {
                cursor = next(call(handler, query)); // page 1, not timed
                depth = 0;
            }
            String q = cursor == null || deeper == 0 ? query : query + "&cursor=" + cursor;
            counting.reset();
            long start = System.nanoTime();
            JsonNode body = call(handler, q);
            nanos[i] = System.nanoTime() - start;
            requests += counting.requests();
            items += counting.evaluated();
            listed += body.path("customers").size();
            if (deeper > 0) {
                cursor = next(body);
                depth++;
            }
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "| `%s` | %d | %.1f | %.1f | %.1f | %.0f | %.0f |", label, calls, nanos[calls / 2] / 1e6,
                nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6, (double) requests / calls, (double) items / calls, (double) listed / calls);
    }

    private static String next(JsonNode body) {
        return body.has("nextCursor") ? body.path("nextCursor").asText() : null;
    }

    private static JsonNode call(QueryLtvHandler handler, String query) throws Exception {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("GET /customers");
        event.setRawPath("/customers");
        event.setRawQueryString(query);
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey("GET /customers")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/customers").build()).build());
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new RecordingContext("bench"));
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException(query + ": " + response.getStatusCode() + " " + response.getBody());
        }
        return Json.MAPPER.readTree(response.getBody());
    }

    /** The first page by LTV without an index: every state scanned, sorted in memory. */
    private static String scanAndSort(DynamoDbClient client, String table, int calls) {
        long[] nanos = new long[calls];
        long requests = 0;
        long items = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            List<Map<String, AttributeValue>> all = new ArrayList<>();
            Map<String, AttributeValue> from = null;
            do {
                Map<String, AttributeValue> exclusive = from;
                ScanResponse page = client.scan(ScanRequest.builder().tableName(table).exclusiveStartKey(exclusive).build());
                requests++;
                items += page.scannedCount();
                all.addAll(page.items());
                from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (from != null);
            all.stream().filter(item -> item.containsKey("ltv"))
                    .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> new BigDecimal(item.get("ltv").n())).reversed())
                    .limit(100).toList();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "| scan every state and sort (no index), first 100 by LTV | %d | %.1f | %.1f | %.1f | %.0f | 100 |",
                calls, nanos[calls / 2] / 1e6, nanos[calls - 1] / 1e6, (double) requests / calls, (double) items / calls);
    }
}
