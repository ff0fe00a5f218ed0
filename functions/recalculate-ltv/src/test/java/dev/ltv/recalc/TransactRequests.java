package dev.ltv.recalc;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.function.Consumer;

/** For proxies around the DynamoDB client: the request of a {@code transactWriteItems} call, in either of its forms. */
final class TransactRequests {

    private TransactRequests() {
    }

    @SuppressWarnings("unchecked")
    static TransactWriteItemsRequest of(Object argument) {
        if (argument instanceof TransactWriteItemsRequest request) {
            return request;
        }
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        ((Consumer<TransactWriteItemsRequest.Builder>) argument).accept(builder);
        return builder.build();
    }
}
