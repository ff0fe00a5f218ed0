package dev.ltv.dynamodblocal;

import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table's stream from where it left off, shard by shard, parents before children: for tests that
 * drive the stream handler themselves with a delivery schedule of their own.
 */
public final class StreamReader {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new HashMap<>();

    public StreamReader(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    public String streamArn() {
        return streamArn;
    }

    /** Every record written since the last call, in shard order. */
    public List<Record> readNew() {
        List<Record> records = new ArrayList<>();
        List<Shard> shards = new ArrayList<>();
        String lastShard = null;
        do {
            String startAfter = lastShard;
            var description = streams.describeStream(request -> request.streamArn(streamArn).exclusiveStartShardId(startAfter))
                    .streamDescription();
            shards.addAll(description.shards());
            lastShard = description.lastEvaluatedShardId();
        } while (lastShard != null);
        for (Shard shard : shards) {
            String iterator = iterators.get(shard.shardId());
            if (iterator == null) {
                iterator = streams.getShardIterator(request -> request.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            }
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(request -> request.shardIterator(current).limit(1000));
                records.addAll(page.records());
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    break; // caught up with an open shard
                }
            }
            iterators.put(shard.shardId(), iterator);
        }
        return records;
    }
}
