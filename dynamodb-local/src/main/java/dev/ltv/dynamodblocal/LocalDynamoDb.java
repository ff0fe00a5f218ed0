package dev.ltv.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
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
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB Local running inside this JVM as a real HTTP server on a loopback port, so code under test
 * talks to it exactly as it talks to DynamoDB: through the SDK and an endpoint override.
 *
 * <p>Tests share one server per JVM ({@link #shared()}) and isolate themselves with table-name prefixes
 * ({@link #createTables(String)}); the local stack starts its own ({@link #start(Optional)}).
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** DynamoDB Local keeps separate databases per access key and region unless shared; use one of each. */
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "local";

    private static LocalDynamoDb shared;

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final DynamoDbClient client;
    private final DynamoDbStreamsClient streams;

    private LocalDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
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
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dataDir.get(), e);
            }
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new LocalDynamoDb(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
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
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
