package dev.ltv.store;

import dev.ltv.config.LtvConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.time.Duration;

/** Builds the DynamoDB client once per container, with the endpoint override for local targets. */
public final class DynamoDbClients {

    /** Idle connections kept per endpoint: the most requests a function sends at once (ingest: a batch of 100). */
    static final int KEEP_ALIVE_CONNECTIONS = 100;

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(LtvConfig config) {
        // url-connection keeps only 5 idle connections per host by default (read once, at the JDK's first HTTP
        // request): concurrent requests beyond that would each open, and on AWS handshake, a new connection.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(KEEP_ALIVE_CONNECTIONS));
        }
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                // url-connection: smallest jar and fastest cold start of the SDK's HTTP clients
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(20))
                        .build());
        String region = System.getenv("AWS_REGION");
        builder.region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        config.dynamoDbEndpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            // Local targets accept any credentials; real ones from the environment win when present.
            if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            } else {
                builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
            }
        });
        if (config.dynamoDbEndpoint().isEmpty()) {
            // Lambda sets the credentials in the environment: skip the default chain's lookups at cold start.
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        return builder.build();
    }
}
