package dev.ltv.store;

import dev.ltv.config.LtvConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Duration;

/** Builds the DynamoDB client once per container, with the endpoint override for local targets. */
public final class DynamoDbClients {

    /** Idle connections kept per endpoint: the most requests a function sends at once (ingest: a batch of 100). */
    static final int KEEP_ALIVE_CONNECTIONS = 100;
    /** Sent by the priming's requests only (to a stand-in on the loopback interface, never to AWS). */
    public static final String PRIMING_HEADER = "x-ltv-priming";
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(20);

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(LtvConfig config) {
        return builder(config)
                .httpClient(httpClient())
                .credentialsProvider(credentials(config))
                .build();
    }

    /**
     * The same client, pointed at a stand-in endpoint on the loopback interface, with made-up credentials: for
     * priming the request path before a SnapStart snapshot without a real call or a real credential.
     */
    public static DynamoDbClient forPriming(LtvConfig config, URI standIn) {
        return builder(config)
                .endpointOverride(standIn)
                // marks the requests as the priming's (the tests' request recorder leaves them out: no role is involved)
                .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT).putHeader(PRIMING_HEADER, "1"))
                .httpClient(httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build();
    }

    /**
     * url-connection: smallest jar and fastest cold start of the SDK's HTTP clients; it serves concurrent
     * requests (one connection per request in flight, idle ones kept alive for reuse).
     */
    private static SdkHttpClient httpClient() {
        // url-connection keeps only 5 idle connections per host by default (read once, at the JDK's first HTTP
        // request, which may be the priming's): concurrent requests beyond that would each open, and on AWS
        // handshake, a new connection.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(KEEP_ALIVE_CONNECTIONS));
        }
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static DynamoDbClientBuilder builder(LtvConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .build());
        String region = System.getenv("AWS_REGION");
        builder.region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        config.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * Lambda without SnapStart puts the function's credentials in environment variables; a SnapStart function
     * has none there and gets them from the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI),
     * fetched after restore, never frozen into the snapshot. The chain tries exactly those two, in that order:
     * the SDK's default chain would do too, but also looks for profile files and web identity on every start.
     * Local targets (an endpoint override) accept any credentials.
     */
    private static AwsCredentialsProvider credentials(LtvConfig config) {
        if (config.dynamoDbEndpoint().isPresent() && System.getenv("AWS_ACCESS_KEY_ID") == null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create())
                .build();
    }
}
