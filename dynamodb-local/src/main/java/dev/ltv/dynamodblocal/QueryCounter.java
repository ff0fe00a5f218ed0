package dev.ltv.dynamodblocal;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client that counts the {@code Query} requests made through it and the items DynamoDB evaluated for them (what
 * a query is billed for, filtered items included), so that a test or a benchmark can state what a read costs.
 * Only {@code query} is supported: a read path under measurement that makes any other request fails loudly.
 */
public final class QueryCounter implements DynamoDbClient {

    private final DynamoDbClient delegate;
    private final Consumer<QueryRequest> check;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong evaluated = new AtomicLong();

    /** @param check called with every request before it is sent (e.g. asserts which index it reads) */
    public QueryCounter(DynamoDbClient delegate, Consumer<QueryRequest> check) {
        this.delegate = delegate;
        this.check = check;
    }

    public QueryCounter(DynamoDbClient delegate) {
        this(delegate, request -> { });
    }

    public long requests() {
        return requests.get();
    }

    public long evaluated() {
        return evaluated.get();
    }

    public void reset() {
        requests.set(0);
        evaluated.set(0);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        check.accept(request);
        QueryResponse response = delegate.query(request);
        requests.incrementAndGet();
        evaluated.addAndGet(response.scannedCount());
        return response;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
