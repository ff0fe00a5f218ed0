package dev.ltv.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB Local running inside this JVM as a real HTTP server on a loopback port, so code under test
 * talks to it exactly as it talks to DynamoDB: through the SDK and an endpoint override.
 *
 * <p>The server is assembled here from DynamoDB Local's own request handler and a Jetty connector bound to
 * 127.0.0.1: its command line ({@code ServerRunner}) has no host option and listens on every interface, which
 * would let anyone on the network read and change the data.
 *
 * <p>Tests share one server per JVM ({@link #shared()}) and isolate themselves with table-name prefixes
 * ({@link #createTables(String)}); the local stack starts its own ({@link #start(Optional)}).
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** DynamoDB Local keeps separate databases per access key and region unless shared; use one of each. */
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local";

    private static LocalDynamoDb shared;

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streams;

    private LocalDynamoDb(Server server, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.server = server;
        this.handler = handler;
        this.endpoint = endpoint;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY));
        this.client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build();
        this.streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /**
     * Starts DynamoDB Local on a free loopback port.
     *
     * @param dataDir where to keep the data between runs; empty for in-memory
     */
    public static LocalDynamoDb start(Optional<Path> dataDir) {
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dataDir.get(), e);
            }
        }
        Server server = new Server();
        try {
            // what "-sharedDb [-inMemory | -dbPath DIR]" builds, without telemetry (never configured here)
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, dataDir.isEmpty(),
                    dataDir.map(dir -> dir.toAbsolutePath().toString()).orElse(null), true, false);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
            connector.setPort(0);
            server.addConnector(connector);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, null);
            server.setHandler(new ContextHandler(handler, "/"));
            server.start();
            return new LocalDynamoDb(server, handler, URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort()));
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    /** One in-memory server for the whole test JVM, stopped when the JVM exits. */
    public static synchronized LocalDynamoDb shared() {
        if (shared == null) {
            shared = start(Optional.empty());
            LocalDynamoDb server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dynamodb-local-stop"));
        }
        return shared;
    }

    /**
     * Creates every table of template.yaml, named {@code prefix + logicalId}, with its TTL setting.
     * Tables that already exist (a data folder from an earlier run) are kept.
     *
     * @return logical id → physical table name
     */
    public Map<String, String> createTables(String prefix) {
        return createTables(TemplateTables.bundled(), prefix);
    }

    /** Same, from a template of the caller's choice (the local stack's {@code --template}). */
    public Map<String, String> createTables(TemplateTables template, String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String logicalId : template.tableLogicalIds()) {
            String name = prefix + logicalId;
            try {
                client.createTable(template.createTableRequest(logicalId, name));
                template.timeToLiveAttribute(logicalId).ifPresent(attribute -> client.updateTimeToLive(request -> request
                        .tableName(name)
                        .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(attribute).enabled(true).build())));
            } catch (ResourceInUseException alreadyThere) {
                // kept from an earlier run with a data folder
            }
            names.put(logicalId, name);
        }
        return names;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for test set-up and assertions (Apache HTTP: url-connection is slow against loopback). */
    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    @Override
    public void close() {
        try {
            client.close();
            streams.close();
            server.stop();
            handler.close();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
