package dev.ltv.local;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting and stopping: programmatically, and the packaged {@code ltv-local.jar} as ./ltv local runs it. */
class LocalStackLifecycleIT {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void closeStopsTheHttpApiThePollersAndDynamoDbLocal() {
        LocalStack stack = LocalStack.start(TestStacks.options());
        URI api = stack.baseUri();
        URI dynamo = stack.dynamoDbEndpoint();
        assertTrue(accepts(api) && accepts(dynamo));
        assertEquals(1, stack.pollers().size());
        assertTrue(stack.pollers().get(0).isRunning());

        stack.close();
        stack.close();

        assertFalse(accepts(api), "HTTP API stopped");
        assertFalse(accepts(dynamo), "DynamoDB Local stopped");
        assertFalse(stack.pollers().get(0).isRunning(), "stream poller stopped");
        assertThrows(IllegalStateException.class, () -> stack.awaitStreamDrained(Duration.ofMillis(200)));
    }

    @Test
    void dataFolderKeepsTheTablesAndItemsAcrossRestarts(@org.junit.jupiter.api.io.TempDir Path dir) {
        LocalStackOptions options = TestStacks.options().withDataDir(dir);
        try (LocalStack first = LocalStack.start(options)) {
            first.dynamo().putItem(r -> r.tableName("PurchasesTable").item(java.util.Map.of(
                    "customerId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept"),
                    "purchaseId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("p1"))));
            first.awaitStreamDrained(Duration.ofSeconds(30));
        }
        try (LocalStack second = LocalStack.start(options)) {
            assertEquals(1, second.dynamo().scan(r -> r.tableName("PurchasesTable")).count());
            second.awaitStreamDrained(Duration.ofSeconds(30));
        }
    }

    @Test
    void packagedJarStartsPrintsItsUrlAndStopsOnSignal() throws Exception {
        Path jar = Path.of("target", "ltv-local.jar");
        assertTrue(Files.isRegularFile(jar), "packaged before integration tests run");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--port", "0")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("ended without listening: " + lines));
        });
        reader.start();
        try {
            int listening = port.get(90, TimeUnit.SECONDS);
            assertTrue(accepts(URI.create("http://127.0.0.1:" + listening)));
            // one request: the console shows the metrics the query function would publish on AWS
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + listening + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());

            // SIGTERM, the same shutdown path as Ctrl-C (Process.destroy would also close our end of its output)
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the JVM exits");
            reader.join(30_000);
            synchronized (lines) {
                String output = String.join("\n", lines);
                assertTrue(output.contains("Ctrl-C to stop."), output);
                assertTrue(output.contains("table     PurchasesTable"), output);
                assertTrue(output.contains("[local] stopped"), output);
                assertTrue(Pattern.compile("\\[QueryLtvFunction] metrics Latency=\\d+ms ClientErrors=0 ServerErrors=0 \\(Route: GET /metrics\\)")
                        .matcher(output).find(), output);
            }
            assertFalse(accepts(URI.create("http://127.0.0.1:" + listening)));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void packagedJarRejectsAnUnknownOption() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", Path.of("target", "ltv-local.jar").toString(), "--nope")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(output.contains("unknown option --nope") && output.contains("Usage: ./ltv local"), output);
    }

    private static boolean accepts(URI uri) {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            return socket.isConnected();
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
