package dev.ltv.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ltv.local.LocalStack;
import dev.ltv.local.LocalStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test: the CDNOW log imported twice into a fresh local stack (the real template,
 * functions, DynamoDB Local and stream), the second run interrupted half-way by a signal to the command's
 * own process (built jar, as {@code ./ltv import} runs it) and resumed; afterwards the stack holds exactly the
 * CDNOW totals, every purchase once, and the rejects file names each refused row once.
 */
class ImportCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStackOptions.defaults()
                .withPort(0)
                .withTemplate(repositoryRoot().resolve("template.yaml"))
                .withPollInterval(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("template.yaml"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    /** What the CDNOW log adds up to: the API refuses its 8 rows of amount 0. */
    private record Totals(long purchases, BigDecimal revenue, long customers, long refused) {
    }

    private static Totals cdnowTotals(Path csv) throws IOException {
        long purchases = 0;
        long refused = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        Set<String> customers = new HashSet<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            BigDecimal amount = new BigDecimal(f[2]);
            if (amount.signum() > 0) {
                purchases++;
                revenue = revenue.add(amount);
                customers.add(f[0]);
            } else {
                refused++;
            }
        }
        return new Totals(purchases, revenue, customers.size(), refused);
    }

    @Test
    void importingCdnowTwiceWithAnInterruptedResumedSecondRunGivesExactlyTheCdnowTotals() throws Exception {
        Path csv = dir.resolve("cdnow.csv");
        Files.copy(repositoryRoot().resolve("shared/src/test/resources/cdnow_transactions.csv"), csv);
        Totals expected = cdnowTotals(csv);
        long rows = Files.readAllLines(csv).size() - 1;
        Path rejects = dir.resolve("cdnow.rejects.csv");
        Path progress = dir.resolve("cdnow.import-progress");
        String api = stack.baseUri().toString();

        // 1. a complete import
        Run first = run(List.of(csv.toString(), "--api", api, "--progress", "lines"), null);
        assertEquals(1, first.code(), first.err()); // 1: rows were refused
        assertTrue(first.out().contains(String.format("%,d new, 0 already there, %,d rejected", expected.purchases(), expected.refused())), first.out());
        assertFalse(Files.exists(progress), "a finished import leaves no position behind");
        assertRejects(rejects, expected.refused());

        // 2. the same file again, interrupted half-way: slowed down so that half-way can be caught
        Run second = run(List.of(csv.toString(), "--api", api, "--progress", "lines", "--rate", "400"), rows / 2);
        assertTrue(second.code() == 130 || second.code() == 143, "ended by the signal: " + second.code() + "\n" + second.err());
        long savedAt = savedRows(progress);
        assertTrue(savedAt >= rows / 2 && savedAt < rows, "position " + savedAt + " of " + rows);
        assertTrue(second.err().contains("interrupted after") && second.err().contains("run the same command again to resume"), second.err());

        // 3. resumed: starts after the saved position, stores nothing (everything is there already)
        Run resumed = run(List.of(csv.toString(), "--api", api, "--progress", "lines"), null);
        assertEquals(1, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains(String.format("resuming after row %,d", savedAt)), resumed.err());
        assertTrue(resumed.out().contains(String.format("import: %,d rows", rows - savedAt)), resumed.out());
        assertTrue(resumed.out().contains(" 0 new, "), resumed.out());
        assertFalse(Files.exists(progress));
        assertRejects(rejects, expected.refused());

        // every purchase once in the table, and the recalculated company figures are CDNOW's
        stack.awaitStreamDrained(Duration.ofMinutes(5));
        long stored = stack.dynamo().scanPaginator(r -> r.tableName(stack.tableName("PurchasesTable")).select(Select.COUNT))
                .stream().mapToLong(page -> page.count()).sum();
        assertEquals(expected.purchases(), stored);
        JsonNode metrics = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(expected.customers(), metrics.path("customers").asLong(), metrics.toString());
        assertEquals(expected.purchases(), metrics.path("purchases").asLong(), metrics.toString());
        assertEquals(0, expected.revenue().compareTo(metrics.path("revenue").decimalValue()), expected.revenue() + " vs " + metrics);
    }

    /** Each refused row once, with the API's reason. */
    private static void assertRejects(Path rejects, long refused) throws IOException {
        List<String> lines = Files.readAllLines(rejects);
        assertEquals("row,customer_id,date,amount,error_code,error", lines.get(0));
        assertEquals(refused, lines.size() - 1, lines.toString());
        assertEquals(refused, new HashSet<>(lines.subList(1, lines.size())).size(), lines.toString());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith(",0.00,INVALID_FIELD,amount: must be greater than 0"), line);
        }
    }

    private static long savedRows(Path progress) throws IOException {
        Properties saved = new Properties();
        try (var in = Files.newBufferedReader(progress)) {
            saved.load(in);
        }
        return Long.parseLong(saved.getProperty("rows"));
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * Runs {@code java -jar target/ltv-cli.jar import ARGS} in its own process. With {@code interruptAt}, sends
     * it SIGINT once its saved position reaches that row. A shell started in the background ignores SIGINT,
     * and its children inherit that: the child's default disposition is restored with
     * {@code env --default-signal} (GNU coreutils); where that is missing, SIGTERM, which runs the same
     * shutdown hook, stands in.
     */
    private static Run run(List<String> args, Long interruptAt) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        boolean realSigint = interruptAt != null && envRestoresSigint();
        if (realSigint) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "ltv-cli.jar").toAbsolutePath().toString(), "import"));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (interruptAt != null) {
            Path progress = dir.resolve("cdnow.import-progress");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (process.isAlive() && Instant.now().isBefore(deadline)
                    && !(Files.exists(progress) && savedRowsOrZero(progress) >= interruptAt)) {
                Thread.sleep(20);
            }
            if (realSigint) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            } else {
                process.destroy();
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the import did not end");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        System.out.println("import " + args + " → " + run.code() + (realSigint ? " (SIGINT)" : interruptAt != null ? " (SIGTERM)" : "")
                + "\n" + run.out() + run.err());
        return run;
    }

    private static long savedRowsOrZero(Path progress) {
        try {
            return savedRows(progress);
        } catch (IOException | RuntimeException e) {
            return 0; // being replaced
        }
    }

    private static boolean envRestoresSigint() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
