package dev.ltv.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ltv.config.LtvConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** A stream test handler: records every batch it gets; a test decides how it answers. */
public final class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    public static final List<List<DynamodbStreamRecord>> DELIVERIES = Collections.synchronizedList(new ArrayList<>());
    public static final AtomicReference<TestPoisonSink> SINK = new AtomicReference<>();
    public static final AtomicReference<Function<List<DynamodbStreamRecord>, StreamsEventResponse>> BEHAVIOUR =
            new AtomicReference<>(batch -> new StreamsEventResponse(List.of()));

    public RecordingStreamHandler(LtvConfig config, DynamoDbClient dynamo) {
        throw new AssertionError("the local stack must prefer the constructor with the poison-record sink");
    }

    public RecordingStreamHandler(LtvConfig config, DynamoDbClient dynamo, TestPoisonSink sink) {
        SINK.set(sink);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbStreamRecord> batch = List.copyOf(event.getRecords());
        DELIVERIES.add(batch);
        return BEHAVIOUR.get().apply(batch);
    }
}
