package dev.ltv.local.hostile;

import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.local.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged local stack ({@code ltv-local.jar}, as {@code ./ltv local --data-dir} runs it) is killed with
 * SIGKILL while clients post purchases and refunds, correct and delete, and restarted on the same data folder
 * and port. A request that got no answer is sent again until it gets one. Afterwards:
 * <ul>
 *   <li>the purchases table holds exactly what the answers said (each client owns its customers, so it knows):
 *       nothing is doubled, and nothing acknowledged is lost but what DynamoDB Local itself loses (a transaction
 *       answered in the instant before the kill, whole: see the check below);</li>
 *   <li>every customer and the company totals equal a full recomputation from the purchases table (the
 *       repair path, {@link Recomputation}).</li>
 * </ul>
 * The stream position is not kept across a restart: the poller reads every shard again from TRIM_HORIZON, so
 * records applied before the kill are delivered again and left out by their applied markers, and records
 * written but not applied before the kill are applied after it.
 */
class CrashRestartIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern DYNAMODB = Pattern.compile("DynamoDB\\s+(http://127\\.0\\.0\\.1:\\d+)");
    private static final int CLIENTS = 4;
    private static final int CRASHES = Integer.getInteger("crash.kills", 2);
    private static final long SEED = Long.getLong("crash.seed", 7L);
    /** Which run of the stack is up (0: the first, 1: after the first kill, …). */
    private static final java.util.concurrent.atomic.AtomicInteger RUN = new java.util.concurrent.atomic.AtomicInteger();
    private static final Set<Integer> ANSWERS = Set.of(200, 201, 404, 409, 422);
    private static final int ANSWERS_PER_RUN = Integer.getInteger("crash.answersPerRun", 40);

    @TempDir
    Path dir;

    /** What one client knows its customers' purchases table holds: id → amount (refunds: negative). */
    static final class Client implements Runnable {
        final int index;
        final Random random;
        final URI api;
        final AtomicBoolean stop;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final Map<String, BigDecimal> stored = new TreeMap<>();
        final Map<String, String> refundOf = new HashMap<>();
        /** every refund this client got stored, deleted since or not */
        final java.util.Set<String> refunds = new java.util.HashSet<>();
        final Map<Integer, Integer> statuses = new TreeMap<>();
        final List<String> history = new ArrayList<>();
        /** run → the id of this client's last answered write in it */
        final Map<Integer, String> lastOfRun = new HashMap<>();
        boolean lastInterrupted;
        /** answers received, read by the test to time the kills */
        final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        int attempts;
        /** requests whose first attempt got no answer (the kill came first), sent again until answered */
        int interrupted;
        int next;
        volatile String failure;

        Client(int index, URI api, AtomicBoolean stop) {
            this.index = index;
            this.random = new Random(SEED * 31 + index);
            this.api = api;
            this.stop = stop;
        }

        String customer() {
            return "crash-" + index + "-" + random.nextInt(3);
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    step();
                }
            } catch (RuntimeException | Error e) {
                failure = e.toString();
            }
        }

        private void step() {
            List<String> purchases = stored.keySet().stream().filter(id -> !refundOf.containsKey(id)).toList();
            int dice = random.nextInt(100);
            if (dice < 45 || purchases.isEmpty()) {
                String customer = customer();
                String id = customer + ":p" + next++;
                BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(20_000), 2);
                int status = send(post("{\"purchaseId\":\"" + pid(id) + "\",\"customerId\":\"" + customer + "\",\"amount\":" + amount
                        + ",\"currency\":\"USD\",\"purchasedAt\":\"2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                        + "T10:00:00Z\"}"));
                expect(status, 201, 200);
                note("POST", id, status);
                stored.put(id, amount);
            } else if (dice < 65) {
                String target = purchases.get(random.nextInt(purchases.size()));
                String id = cid(target) + ":r" + next++;
                BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(1000), 2);
                int status = send(post("{\"purchaseId\":\"" + pid(id) + "\",\"customerId\":\"" + cid(target) + "\",\"amount\":" + amount
                        + ",\"currency\":\"USD\",\"purchasedAt\":\"2026-10-01T10:00:00Z\",\"kind\":\"REFUND\",\"refundOf\":\""
                        + pid(target) + "\"}"));
                expect(status, 201, 200, 422);
                note("POST refund of " + target, id, status);
                if (status != 422) {
                    stored.put(id, amount.negate());
                    refundOf.put(id, target);
                    refunds.add(id);
                }
            } else if (dice < 82) {
                String target = purchases.get(random.nextInt(purchases.size()));
                BigDecimal amount = BigDecimal.valueOf(5000 + random.nextInt(20_000), 2);
                int status = send(HttpRequest.newBuilder(api.resolve("/customers/" + cid(target) + "/purchases/" + pid(target)))
                        .header("content-type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"amount\": " + amount + "}")).build());
                expect(status, 200, 409);
                note("PATCH", target, status);
                if (status == 200) {
                    stored.put(target, amount);
                }
            } else {
                List<String> all = new ArrayList<>(stored.keySet());
                String target = all.get(random.nextInt(all.size()));
                int status = send(HttpRequest.newBuilder(api.resolve("/customers/" + cid(target) + "/purchases/" + pid(target)))
                        .DELETE().build());
                // 404: an earlier attempt that got no answer did delete it
                expect(status, 200, 404, 409);
                note("DELETE", target, status);
                if (status != 409) {
                    stored.remove(target);
                    refundOf.remove(target);
                }
            }
        }

        /** What happened to each id, with the stack's run and whether the request had been cut off, for a failure's message. */
        private void note(String what, String id, int status) {
            history.add(id + " " + what + " → " + status + " (run " + RUN.get() + (lastInterrupted ? ", sent again after a kill" : "") + ")");
            lastOfRun.put(RUN.get(), id);
        }

        private static String cid(String id) {
            return id.substring(0, id.indexOf(':'));
        }

        private static String pid(String id) {
            return id.substring(id.indexOf(':') + 1);
        }

        private HttpRequest post(String body) {
            return HttpRequest.newBuilder(api.resolve("/purchases")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private void expect(int status, int... allowed) {
            for (int ok : allowed) {
                if (status == ok) {
                    return;
                }
            }
            throw new AssertionError("client " + index + ": status " + status);
        }

        /** Sends until answered: the stack may be down for a while. */
        private int send(HttpRequest request) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            boolean wasInterrupted = false;
            while (true) {
                attempts++;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(request, (name, value) -> true)
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    lastInterrupted = wasInterrupted;
                    answered.incrementAndGet();
                    if (!ANSWERS.contains(response.statusCode())) {
                        throw new AssertionError("client " + index + ": " + response.statusCode() + " " + response.body());
                    }
                    return response.statusCode();
                } catch (IOException noAnswer) {
                    if (!wasInterrupted) {
                        wasInterrupted = true;
                        interrupted++;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("client " + index + ": no answer for 90 s");
                    }
                    sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    @Test
    void killedAndRestartedUnderLoadLosesNothingAndCountsNothingTwice() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        AtomicBoolean stop = new AtomicBoolean();
        URI api = URI.create("http://127.0.0.1:" + port);
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Process stackProcess = start(port, data, 0);
        String dynamoEndpoint = dynamoEndpoint(0);
        for (int i = 0; i < CLIENTS; i++) {
            Client client = new Client(i, api, stop);
            clients.add(client);
            Thread thread = new Thread(client, "crash-client-" + i);
            threads.add(thread);
            thread.start();
        }
        try {
            for (int crash = 1; crash <= CRASHES; crash++) {
                // a kill at a random moment once the clients got some answers from this run of the stack
                awaitAnswers(clients, ANSWERS_PER_RUN + new Random(SEED + crash).nextInt(ANSWERS_PER_RUN));
                // SIGKILL: no shutdown hook, nothing flushed by the stack itself
                stackProcess.destroyForcibly().waitFor();
                sleep(300);
                RUN.set(-crash);
                stackProcess = start(port, data, crash);
                RUN.set(crash);
                dynamoEndpoint = dynamoEndpoint(crash);
            }
            awaitAnswers(clients, ANSWERS_PER_RUN);
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(120_000);
            }
            for (Client client : clients) {
                if (client.failure != null) {
                    fail(client.failure);
                }
            }

            try (DynamoDbClient dynamo = client(dynamoEndpoint)) {
                Map<String, BigDecimal> expected = new TreeMap<>();
                clients.forEach(c -> expected.putAll(c.stored));
                Map<String, BigDecimal> actual = new TreeMap<>();
                for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName("PurchasesTable").consistentRead(true)).items()) {
                    BigDecimal amount = new BigDecimal(item.get("amount").n());
                    actual.put(item.get("customerId").s() + ":" + item.get("purchaseId").s(),
                            "REFUND".equals(item.get("kind").s()) ? amount.negate() : amount);
                }
                Map<String, String> want = normalised(expected);
                Map<String, String> have = normalised(actual);
                // DynamoDB Local acknowledges a TransactWriteItems before it is on disk: a refund or a refund's
                // deletion (each one transaction with the purchase's refundedAmount) answered just before a SIGKILL
                // can be undone after the restart, whole (checked below: refundedAmount is the sum of the refunds
                // in the table). Only that is accepted, for a client's last answer before a kill, and counted; a
                // plain put, update or delete was never lost.
                List<String> lostBeforeKill = new ArrayList<>();
                for (Client c : clients) {
                    c.lastOfRun.forEach((run, id) -> {
                        if (run >= 0 && run < CRASHES && c.refunds.contains(id) && !Objects.equals(want.get(id), have.get(id))) {
                            lostBeforeKill.add(id);
                        }
                    });
                }
                lostBeforeKill.forEach(have::remove);
                lostBeforeKill.forEach(want::remove);
                assertRefundedAmountsMatchRefunds(dynamo);
                if (!want.equals(have)) {
                    StringBuilder differences = new StringBuilder();
                    java.util.TreeSet<String> ids = new java.util.TreeSet<>(want.keySet());
                    ids.addAll(have.keySet());
                    for (String id : ids) {
                        if (!java.util.Objects.equals(want.get(id), have.get(id))) {
                            differences.append("\n").append(id).append(": answers say ").append(want.get(id)).append(", table has ")
                                    .append(have.get(id));
                            String customer = id.substring(0, id.indexOf(':'));
                            // the customer's whole history: the item, the purchase it refunds, their corrections and deletions
                            clients.forEach(c -> c.history.stream().filter(h -> h.startsWith(customer + ":"))
                                    .forEach(h -> differences.append("\n    ").append(h)));
                        }
                    }
                    fail("the purchases table does not hold what the answers said:" + differences);
                }

                Recomputation.Outcome report = awaitConsistent(dynamo, Duration.ofSeconds(90));
                int answered = clients.stream().mapToInt(c -> c.answered.get()).sum();
                int interrupted = clients.stream().mapToInt(c -> c.interrupted).sum();
                Map<Integer, Integer> statuses = new TreeMap<>();
                clients.forEach(c -> c.statuses.forEach((s, n) -> statuses.merge(s, n, Integer::sum)));
                System.out.println("crash test: seed " + SEED + ", " + CRASHES + " SIGKILLs, " + CLIENTS + " clients, " + answered
                        + " answered requests (" + interrupted + " cut off by a kill and sent again), statuses " + statuses + ", "
                        + expected.size() + " items stored (" + lostBeforeKill.size() + " refund write(s) answered right before a kill undone by DynamoDB Local: "
                        + lostBeforeKill + "); " + report.customers() + " customers and the company totals equal a full recomputation");
                assertTrue(interrupted > 0 || CRASHES == 0, "the kills never interrupted a request");
            }
        } finally {
            stop.set(true);
            stackProcess.destroyForcibly().waitFor();
        }
    }

    /** Every purchase's refundedAmount is the sum of its refunds in the table: a refund's transaction is all or nothing. */
    private static void assertRefundedAmountsMatchRefunds(DynamoDbClient dynamo) {
        Map<String, BigDecimal> refunded = new TreeMap<>();
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(r -> r.tableName("PurchasesTable").consistentRead(true)).items()) {
            String customer = item.get("customerId").s();
            if ("REFUND".equals(item.get("kind").s())) {
                sums.merge(customer + ":" + item.get("refundOf").s(), new BigDecimal(item.get("amount").n()), BigDecimal::add);
            } else {
                refunded.put(customer + ":" + item.get("purchaseId").s(), new BigDecimal(item.get("refundedAmount").n()));
                sums.putIfAbsent(customer + ":" + item.get("purchaseId").s(), BigDecimal.ZERO);
            }
        }
        sums.forEach((purchase, sum) -> assertTrue(refunded.containsKey(purchase) && refunded.get(purchase).compareTo(sum) == 0,
                () -> purchase + ": refundedAmount " + refunded.get(purchase) + ", its refunds sum to " + sum));
    }

    private static void awaitAnswers(List<Client> clients, int more) {
        int target = clients.stream().mapToInt(c -> c.answered.get()).sum() + more;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (clients.stream().mapToInt(c -> c.answered.get()).sum() < target && System.nanoTime() < deadline) {
            if (clients.stream().anyMatch(c -> c.failure != null)) {
                return;
            }
            sleep(20);
        }
    }

    private static Map<String, String> normalised(Map<String, BigDecimal> amounts) {
        Map<String, String> out = new TreeMap<>();
        amounts.forEach((id, amount) -> out.put(id, amount.stripTrailingZeros().toPlainString()));
        return out;
    }

    /** The repair path's recomputation, until every customer and the company totals match (the stream catches up). */
    private static Recomputation.Outcome awaitConsistent(DynamoDbClient dynamo, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Recomputation.Outcome outcome;
        do {
            outcome = Recomputation.check(dynamo, "PurchasesTable", "LtvTable");
            if (outcome.consistent()) {
                return outcome;
            }
            sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not equal to a full recomputation after " + timeout + ":\n" + outcome);
    }

    private Process start(int port, Path data, int run) throws IOException {
        Path jar = Path.of("target", "ltv-local.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "packaged before integration tests run");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolve("stack-" + run + ".log");
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m",
                // C1 only: the stack starts three times on a busy machine, and its start-up dominates this test
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--template", RepositoryFiles.template().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && LISTENING.matcher(Files.readString(log)).find()) {
                return process;
            }
            if (!process.isAlive()) {
                fail("the stack ended at start:\n" + Files.readString(log));
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the stack did not start:\n" + Files.readString(log));
    }

    private String dynamoEndpoint(int run) throws IOException {
        String log = Files.readString(dir.resolve("stack-" + run + ".log"));
        Matcher matcher = DYNAMODB.matcher(log);
        assertTrue(matcher.find(), log);
        return matcher.group(1);
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(LocalDynamoDb.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY,
                        LocalDynamoDb.ACCESS_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

}
