package dev.ltv.snapstart;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP client that never touches the network: it answers each DynamoDB JSON-protocol call from memory. Priming
 * runs a function's real request path through a client built on it, so the SDK's marshallers, signer, endpoint
 * rules and response parsers are loaded and compiled before a SnapStart snapshot, and no connection, credential
 * or real item ends up in it.
 */
public final class PrimingHttpClient implements SdkHttpClient {

    /** What the fake DynamoDB answers: a JSON body for the operation (GetItem, PutItem…) and the request's body. */
    @FunctionalInterface
    public interface Answers {
        String answer(String operation, String requestBody);
    }

    private final Answers answers;

    public PrimingHttpClient(Answers answers) {
        this.answers = answers;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        String operation = target.substring(target.indexOf('.') + 1);
        String requestBody = request.contentStreamProvider().map(PrimingHttpClient::read).orElse("");
        byte[] body = answers.answer(operation, requestBody).getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static String read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
    }
}
