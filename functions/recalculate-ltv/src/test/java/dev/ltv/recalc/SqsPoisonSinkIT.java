package dev.ltv.recalc;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ltv.api.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dead-letter sink through the real SQS client, against a loopback endpoint that answers SendMessage as
 * SQS does (JSON protocol, MD5 of the body, which the client verifies). No SQS emulator is available here;
 * this proves the request the function sends and that the SQS module works with the SDK core in use.
 */
class SqsPoisonSinkIT {

    /** Named as CloudFormation names the stack's queue (stack-LogicalId-SUFFIX): the permission check maps it back. */
    private static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/ltv-RecalculationDeadLetterQueue-1AB2CD3EF4GH";


    private HttpServer server;
    private final List<JsonNode> received = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String response;
            if (status == 200) {
                received.add(request);
                String md5 = md5(request.path("MessageBody").asText());
                response = "{\"MessageId\":\"" + UUID.randomUUID() + "\",\"MD5OfMessageBody\":\"" + md5 + "\"}";
            } else {
                response = "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}";
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SqsPoisonSink sink() {
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new SqsPoisonSink(sqs, QUEUE_URL);
    }

    @Test
    void sendsTheRecordWithTheReasonToTheQueue() throws Exception {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(RepoFiles.event("stream-poison.json").toString());
        DynamodbEvent.DynamodbStreamRecord record = event.getRecords().get(0);

        sink().divert(record, "new image: amount is missing or not a number");

        assertEquals(List.of("AmazonSQS.SendMessage"), targets);
        assertEquals(QUEUE_URL, received.get(0).path("QueueUrl").asText());
        JsonNode message = Json.MAPPER.readTree(received.get(0).path("MessageBody").asText());
        assertEquals("new image: amount is missing or not a number", message.path("reason").asText());
        assertEquals(record.getEventID(), message.path("eventID").asText());
        assertEquals(record.getDynamodb().getSequenceNumber(), message.path("sequenceNumber").asText());
        assertTrue(message.path("record").path("dynamodb").path("newImage").path("amount").path("s").asText().contains("twelve"),
                "the whole record is kept for replay: " + message);
    }

    @Test
    void aQueueThatRefusesMakesTheDivertFailRatherThanDropTheRecord() {
        status = 400;
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(RepoFiles.event("stream-poison.json").toString());
        assertThrows(RuntimeException.class, () -> sink().divert(event.getRecords().get(0), "unusable"));
    }
}
