package dev.ltv.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ltv.dynamodblocal.LocalDynamoDb;
import dev.ltv.local.events.EventsFile;
import dev.ltv.local.http.HttpApiServer;
import dev.ltv.local.http.RouteTable;
import dev.ltv.local.lambda.Collaborators;
import dev.ltv.local.lambda.HandlerNotFoundException;
import dev.ltv.local.lambda.LocalFunction;
import dev.ltv.local.stream.DiscardedBatch;
import dev.ltv.local.stream.StreamPoller;
import dev.ltv.local.template.FunctionDefinition;
import dev.ltv.local.template.HttpRoute;
import dev.ltv.local.template.LocalBindings;
import dev.ltv.local.template.SamTemplate;
import dev.ltv.local.template.StreamEventSource;
import dev.ltv.observe.Telemetry;
import dev.ltv.segment.store.SegmentEventSink;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ltv on one machine, in one process, without AWS or Docker: DynamoDB Local with the template's tables,
 * the template's functions, a stream poller per DynamoDB stream event (the Lambda event source mapping),
 * and the HTTP API on 127.0.0.1 (API Gateway HTTP API, payload 2.0). {@link #main} is {@code ./ltv local};
 * {@link #start} is the same stack for tests.
 */
public final class LocalStack implements AutoCloseable {

    private static final String LOG = "local";

    private final SamTemplate template;
    private final LocalDynamoDb dynamoDb;
    private final Optional<java.nio.file.Path> dataDir;
    private final Map<String, String> tables;
    private final List<LocalFunction> functions;
    private final List<FunctionDefinition> skipped;
    private final RouteTable<LocalFunction> routes;
    private final List<StreamPoller> pollers;
    private final List<DiscardedBatch> discarded;
    private final HttpApiServer http;
    private final Optional<Path> eventsFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(Builder parts) {
        this.template = parts.template;
        this.dynamoDb = parts.dynamoDb;
        this.dataDir = parts.dataDir;
        this.tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts.tables));
        this.functions = List.copyOf(parts.functions);
        this.skipped = List.copyOf(parts.skipped);
        this.routes = parts.routes;
        this.pollers = List.copyOf(parts.pollers);
        this.discarded = parts.discarded;
        this.http = parts.http;
        this.eventsFile = parts.eventsFile;
    }

    /** Starts everything; when this returns, the HTTP API is listening and the stream pollers run. */
    public static LocalStack start(LocalStackOptions options) {
        Builder parts = new Builder();
        parts.template = SamTemplate.load(options.template());
        parts.dataDir = options.dataDir();
        long started = System.nanoTime();
        parts.dynamoDb = LocalDynamoDb.start(options.dataDir());
        Log.info(LOG, "DynamoDB Local up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        try {
            parts.tables = parts.dynamoDb.createTables(parts.template.tables(), options.tablePrefix());
            LocalBindings bindings = new LocalBindings(parts.tables, parts.dynamoDb.endpoint(), LocalDynamoDb.REGION);
            Collaborators collaborators = options.collaborators().copy();
            if (!collaborators.has(SegmentEventSink.class)) {
                EventsFile events = new EventsFile(options.eventsFile().orElseGet(() -> defaultEventsFile(options.dataDir())));
                collaborators.register(SegmentEventSink.class, events);
                parts.eventsFile = Optional.of(events.file());
            }
            for (FunctionDefinition definition : parts.template.functions(bindings)) {
                try {
                    parts.functions.add(LocalFunction.create(definition, parts.dynamoDb.client(), collaborators,
                            LocalDynamoDb.REGION));
                } catch (HandlerNotFoundException e) {
                    Log.warn(LOG, e.getMessage() + ": the function is not run");
                    parts.skipped.add(definition);
                }
            }
            for (LocalFunction function : parts.functions) {
                for (HttpRoute route : function.definition().routes()) {
                    function.requireEventType(APIGatewayV2HTTPEvent.class, "the HTTP API");
                    parts.routes.add(route, function);
                }
            }
            StreamPoller.Settings settings = new StreamPoller.Settings(options.pollInterval(), options.retryBackoff());
            for (LocalFunction function : parts.functions) {
                for (StreamEventSource source : function.definition().streams()) {
                    function.requireEventType(DynamodbEvent.class, "a DynamoDB stream");
                    parts.pollers.add(StreamPoller.start(parts.dynamoDb.streams(), streamArn(parts, source), source, function,
                            LocalDynamoDb.REGION, settings, parts.discarded::add));
                }
            }
            parts.http = HttpApiServer.start(options.port(), parts.routes, options.httpThreads());
            Log.info(LOG, parts.tables.size() + " tables, " + parts.functions.size() + " functions, "
                    + parts.routes.routes().size() + " routes, " + parts.pollers.size() + " stream pollers up in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            return new LocalStack(parts);
        } catch (RuntimeException e) {
            parts.pollers.forEach(StreamPoller::close);
            parts.dynamoDb.close();
            throw e;
        }
    }

    /** Beside the data when it is kept, else a fresh temporary file (the in-memory data is gone at exit too). */
    private static Path defaultEventsFile(Optional<Path> dataDir) {
        if (dataDir.isPresent()) {
            return dataDir.get().resolve("segment-events.jsonl");
        }
        try {
            return Files.createTempFile("ltv-segment-events-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary events file", e);
        }
    }

    /** Where segment change events are appended; empty when a caller supplied its own sink. */
    public Optional<Path> eventsFile() {
        return eventsFile;
    }

    private static String streamArn(Builder parts, StreamEventSource source) {
        String table = parts.tables.get(source.tableLogicalId());
        if (table == null) {
            throw new IllegalArgumentException("stream event " + source.eventName() + " reads " + source.tableLogicalId()
                    + ", which is not a table of the template");
        }
        String arn = parts.dynamoDb.client().describeTable(request -> request.tableName(table)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalArgumentException("table " + source.tableLogicalId() + " has no StreamSpecification");
        }
        return arn;
    }

    /** The HTTP API, e.g. http://127.0.0.1:3000. */
    public URI baseUri() {
        return http.baseUri();
    }

    /** The dashboard page, served beside the API. */
    public URI dashboardUri() {
        return http.dashboardUri();
    }

    /** A client of the stack's DynamoDB Local, for set-up and assertions. */
    public DynamoDbClient dynamo() {
        return dynamoDb.client();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** Table logical id → table name. */
    public Map<String, String> tables() {
        return tables;
    }

    public String tableName(String logicalId) {
        String name = tables.get(logicalId);
        if (name == null) {
            throw new NoSuchElementException("no table " + logicalId + " in the template");
        }
        return name;
    }

    public SamTemplate template() {
        return template;
    }

    public List<HttpRoute> routes() {
        return routes.routes();
    }

    /** The functions running here (those whose handler class is on the classpath). */
    public List<LocalFunction> functions() {
        return functions;
    }

    public LocalFunction function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no function " + logicalId + " running"));
    }

    /** Batches given up after their retries (what AWS would send to the on-failure destination). */
    public List<DiscardedBatch> discardedBatches() {
        return List.copyOf(discarded);
    }

    /**
     * Waits until every stream poller has read its stream to the end and has no batch in flight or waiting
     * for a retry: everything written before this call has been handled by the stream functions.
     *
     * @throws IllegalStateException if that takes longer than the timeout
     */
    public void awaitStreamDrained(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            for (StreamPoller poller : pollers) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || !poller.awaitIdle(left)) {
                    throw new IllegalStateException("the stream of " + poller.function().logicalId() + " was not drained within " + timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stream", e);
        }
    }

    /** Stops the HTTP API, then the stream pollers (after their batch in flight), then DynamoDB Local. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.close();
        pollers.forEach(StreamPoller::close);
        dynamoDb.close();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** {@code ./ltv local}: starts the stack, prints how to use it, runs until Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        Optional<LocalStackOptions> options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ltv local: " + e.getMessage());
            System.err.print(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.isEmpty()) {
            System.out.print(LocalStackOptions.USAGE);
            System.exit(0);
        }
        Telemetry.redirect(new ConsoleTelemetry());
        LocalStack stack;
        try {
            stack = start(options.get());
        } catch (RuntimeException e) {
            Log.error(LOG, "could not start: " + e.getMessage(), e);
            // DynamoDB Local leaves non-daemon threads behind: leave explicitly
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info(LOG, "stopping");
            stack.close();
            Log.info(LOG, "stopped");
        }, "ltv-local-stop"));
        // the JVM's own uptime: ./ltv execs java in its shell's process, whose start includes the Maven build
        Duration startup = Duration.ofMillis(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        Banner.print(stack, startup, System.out);
        // Ctrl-C runs the shutdown hook and ends the JVM; until then the stack's own threads do the work
        new CountDownLatch(1).await();
    }

    Optional<java.nio.file.Path> dataDir() {
        return dataDir;
    }

    List<FunctionDefinition> skippedFunctions() {
        return skipped;
    }

    List<StreamPoller> pollers() {
        return pollers;
    }

    private static final class Builder {
        Optional<Path> eventsFile = Optional.empty();
        SamTemplate template;
        LocalDynamoDb dynamoDb;
        Optional<java.nio.file.Path> dataDir;
        Map<String, String> tables = Map.of();
        final List<LocalFunction> functions = new ArrayList<>();
        final List<FunctionDefinition> skipped = new ArrayList<>();
        final RouteTable<LocalFunction> routes = new RouteTable<>();
        final List<StreamPoller> pollers = new ArrayList<>();
        final List<DiscardedBatch> discarded = new CopyOnWriteArrayList<>();
        HttpApiServer http;
    }
}
