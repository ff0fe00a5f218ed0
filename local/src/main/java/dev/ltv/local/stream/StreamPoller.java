package dev.ltv.local.stream;

import dev.ltv.dynamodblocal.StreamEvents;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.ltv.dynamodblocal.recording.FunctionAttribution;
import dev.ltv.local.Log;
import dev.ltv.local.lambda.FunctionFailure;
import dev.ltv.local.lambda.LocalFunction;
import dev.ltv.local.template.StreamEventSource;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Lambda event source mapping of one function on one DynamoDB stream, run locally: it follows the
 * stream's shards (a parent shard is read to its end before its children), reads records in order, and
 * invokes the function with DynamodbEvent batches of up to BatchSize records, waiting up to
 * MaximumBatchingWindowInSeconds to fill one. Failures are handled as Lambda does (see {@link RetryPolicy}
 * and {@link BatchOutcome}). One thread serves every shard, so a shard never has two batches in flight
 * (ParallelizationFactor 1) and its records reach the function in stream order.
 *
 * <p>Checkpoints live in memory. After a restart on a data folder the shards are read again from
 * TRIM_HORIZON (or LATEST, if the template says so), so records already processed are delivered again, as
 * happens on AWS after a mapping is re-created: the functions must be idempotent anyway.
 */
public final class StreamPoller implements AutoCloseable {

    /**
     * Timing of the poller.
     *
     * @param idleInterval how long to wait before polling again when the stream had nothing new
     * @param retryBackoff the wait before the first retry of a failed batch (growing with each retry)
     */
    public record Settings(Duration idleInterval, Duration retryBackoff) {
    }

    private static final long WAITING_SLEEP_MILLIS = 20;
    private static final int GET_RECORDS_MAX = 1000;

    private enum Activity { WORKED, WAITING, QUIET }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final StreamEventSource source;
    private final LocalFunction function;
    private final String region;
    private final Settings settings;
    private final Consumer<DiscardedBatch> onDiscard;
    private final RetryPolicy policy;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean firstDescribe = true;
    private long cycle;
    private long lastQuietCycle = -1;

    private StreamPoller(DynamoDbStreamsClient streams, String streamArn, StreamEventSource source, LocalFunction function,
                         String region, Settings settings, Consumer<DiscardedBatch> onDiscard) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.source = source;
        this.function = function;
        this.region = region;
        this.settings = settings;
        this.onDiscard = onDiscard;
        this.policy = new RetryPolicy(source.maximumRetryAttempts(), source.bisectBatchOnFunctionError());
        this.thread = new Thread(this::run, "ltv-stream-" + function.logicalId());
        this.thread.setDaemon(true);
    }

    /** Starts polling on a thread of its own. */
    public static StreamPoller start(DynamoDbStreamsClient streams, String streamArn, StreamEventSource source,
                                     LocalFunction function, String region, Settings settings,
                                     Consumer<DiscardedBatch> onDiscard) {
        StreamPoller poller = new StreamPoller(streams, streamArn, source, function, region, settings, onDiscard);
        poller.thread.start();
        return poller;
    }

    public String streamArn() {
        return streamArn;
    }

    public LocalFunction function() {
        return function;
    }

    /**
     * Waits until a full polling round that began after this call found every shard read to its end (for
     * now), no record waiting or being retried, and no batch in flight.
     *
     * @return false if that did not happen within the timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = cycle + 1;
            while (lastQuietCycle < target) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remaining <= 0 || !running) {
                    return false;
                }
                progress.wait(remaining);
            }
            return true;
        }
    }

    @SuppressWarnings("try") // the scope is only opened and closed
    private void run() {
        // Lambda's event source mapping reads the stream with the function's role: the reads are the function's
        try (var attribution = FunctionAttribution.actingAs(function.logicalId())) {
            pollUntilStopped();
        }
    }

    private void pollUntilStopped() {
        Log.info("stream", function.logicalId() + " ← " + streamArn + " (batch size " + source.batchSize() + ")");
        while (running) {
            Activity activity;
            try {
                activity = poll();
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                Log.error("stream", function.logicalId() + ": polling failed, retrying: " + e, e);
                activity = Activity.WAITING;
            }
            long sleep = switch (activity) {
                case WORKED -> 0;
                case WAITING -> WAITING_SLEEP_MILLIS;
                case QUIET -> settings.idleInterval().toMillis();
            };
            try {
                if (sleep > 0 && stopSignal.await(sleep, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** One round over the stream's shards. */
    private Activity poll() {
        long round;
        synchronized (progress) {
            round = ++cycle;
        }
        refreshShards();
        Activity activity = Activity.QUIET;
        for (ShardState shard : new ArrayList<>(shards.values())) {
            if (!running) {
                return Activity.WORKED;
            }
            if (shard.done() || !parentDone(shard)) {
                continue;
            }
            Activity shardActivity = step(shard);
            if (shardActivity == Activity.WORKED || (shardActivity == Activity.WAITING && activity == Activity.QUIET)) {
                activity = shardActivity;
            }
        }
        if (activity == Activity.QUIET) {
            synchronized (progress) {
                lastQuietCycle = round;
                progress.notifyAll();
            }
        }
        return activity;
    }

    private void refreshShards() {
        String startAfter = null;
        do {
            String exclusiveStart = startAfter;
            DescribeStreamResponse response = streams.describeStream(request -> request.streamArn(streamArn)
                    .exclusiveStartShardId(exclusiveStart));
            for (Shard shard : response.streamDescription().shards()) {
                shards.computeIfAbsent(shard.shardId(), id -> new ShardState(id, shard.parentShardId(), firstDescribe));
            }
            startAfter = response.streamDescription().lastEvaluatedShardId();
        } while (startAfter != null);
        firstDescribe = false;
    }

    /** A child shard waits until its parent is read and processed to the end (or is gone from the stream). */
    private boolean parentDone(ShardState shard) {
        ShardState parent = shard.parentId == null ? null : shards.get(shard.parentId);
        return parent == null || parent.done();
    }

    private Activity step(ShardState shard) {
        if (!shard.retries.isEmpty()) {
            if (System.nanoTime() < shard.retryAtNanos) {
                return Activity.WAITING;
            }
            invoke(shard, shard.retries.pollFirst());
            return Activity.WORKED;
        }
        boolean fetched = false;
        if (!shard.ended && shard.buffer.size() < source.batchSize()) {
            fetched = fetch(shard);
        }
        if (shard.buffer.isEmpty()) {
            return fetched ? Activity.WORKED : Activity.QUIET;
        }
        long window = TimeUnit.SECONDS.toNanos(source.maximumBatchingWindowSeconds());
        boolean ready = shard.buffer.size() >= source.batchSize() || shard.ended
                || System.nanoTime() - shard.firstBufferedNanos >= window;
        if (!ready) {
            return fetched ? Activity.WORKED : Activity.WAITING;
        }
        List<DynamodbStreamRecord> batch = new ArrayList<>();
        while (batch.size() < source.batchSize() && !shard.buffer.isEmpty()) {
            batch.add(shard.buffer.pollFirst());
        }
        shard.firstBufferedNanos = System.nanoTime();
        invoke(shard, new RetryPolicy.Attempt<>(batch, 0));
        return Activity.WORKED;
    }

    /** Reads the next records of the shard into its buffer; true if there were any. */
    private boolean fetch(ShardState shard) {
        try {
            if (shard.iterator == null) {
                shard.iterator = streams.getShardIterator(iteratorRequest(shard)).shardIterator();
            }
            int limit = Math.min(GET_RECORDS_MAX, Math.max(1, source.batchSize() - shard.buffer.size()));
            GetRecordsResponse response = streams.getRecords(request -> request.shardIterator(shard.iterator).limit(limit));
            shard.iterator = response.nextShardIterator();
            if (shard.iterator == null) {
                shard.ended = true;
            }
            if (!response.hasRecords() || response.records().isEmpty()) {
                return false;
            }
            if (shard.buffer.isEmpty()) {
                shard.firstBufferedNanos = System.nanoTime();
            }
            for (Record record : response.records()) {
                shard.buffer.addLast(StreamEvents.toLambdaRecord(record, streamArn, region));
                shard.lastFetched = record.dynamodb().sequenceNumber();
            }
            return true;
        } catch (ExpiredIteratorException e) {
            shard.iterator = null;
            return false;
        } catch (TrimmedDataAccessException e) {
            Log.warn("stream", function.logicalId() + ": shard " + shard.id + " was trimmed past our position; reading from its oldest record");
            shard.iterator = null;
            shard.lastFetched = null;
            return false;
        } catch (ResourceNotFoundException e) {
            Log.warn("stream", function.logicalId() + ": shard " + shard.id + " is gone");
            shard.ended = true;
            return false;
        }
    }

    private GetShardIteratorRequest iteratorRequest(ShardState shard) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shard.id);
        if (shard.lastFetched != null) {
            return request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.lastFetched).build();
        }
        // LATEST applies to the shards open when the mapping starts; shards that appear later are read whole
        boolean latest = "LATEST".equals(source.startingPosition()) && shard.presentAtStart;
        return request.shardIteratorType(latest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON).build();
    }

    private void invoke(ShardState shard, RetryPolicy.Attempt<DynamodbStreamRecord> attempt) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(attempt.records()));
        long start = System.nanoTime();
        BatchOutcome outcome;
        String error = null;
        try {
            Object response = function.invoke(event);
            outcome = BatchOutcome.of(response, attempt.records(), source.reportBatchItemFailures());
        } catch (FunctionFailure failure) {
            error = String.valueOf(failure.getCause());
            Log.error(function.logicalId(), "batch of " + attempt.records().size() + " from shard " + shard.id + " threw",
                    failure.getCause());
            outcome = new BatchOutcome.Failure(error);
        } catch (RuntimeException | Error failure) {
            // anything else (a handler that could not be built, a malformed response) is a failed invocation too:
            // the batch is retried, never dropped
            error = String.valueOf(failure);
            Log.error(function.logicalId(), "invoking a batch of " + attempt.records().size() + " from shard " + shard.id
                    + " failed", failure);
            outcome = new BatchOutcome.Failure(error);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        RetryPolicy.Plan<DynamodbStreamRecord> plan = policy.after(attempt, outcome);
        Log.info("stream", function.logicalId() + " batch of " + attempt.records().size()
                + (attempt.failures() > 0 ? " (retry " + attempt.failures() + ")" : "") + ", "
                + describe(outcome, attempt) + ", " + millis + " ms");
        List<RetryPolicy.Attempt<DynamodbStreamRecord>> retries = plan.retries();
        for (int i = retries.size() - 1; i >= 0; i--) {
            shard.retries.addFirst(retries.get(i));
        }
        if (!retries.isEmpty()) {
            int failures = retries.get(0).failures();
            shard.retryAtNanos = System.nanoTime() + settings.retryBackoff().toNanos() * Math.min(failures, 8);
        }
        if (!plan.discarded().isEmpty()) {
            discard(shard, plan.discarded(), attempt.failures() + 1, error != null ? error : describe(outcome, attempt));
        }
    }

    private void discard(ShardState shard, List<DynamodbStreamRecord> records, int attempts, String lastError) {
        DiscardedBatch discarded = new DiscardedBatch(function.logicalId(), streamArn, shard.id,
                records.get(0).getDynamodb().getSequenceNumber(), records.get(records.size() - 1).getDynamodb().getSequenceNumber(),
                records.size(), attempts, "RetryAttemptsExhausted", lastError, Instant.now());
        Log.warn("stream", function.logicalId() + ": gave up on " + records.size() + " record(s) after " + attempts
                + " attempts; on AWS this goes to the on-failure destination" + (source.onFailureDestination().isEmpty() ? ""
                : " (" + source.onFailureDestination() + ")") + ": " + discarded);
        onDiscard.accept(discarded);
    }

    private static String describe(BatchOutcome outcome, RetryPolicy.Attempt<DynamodbStreamRecord> attempt) {
        return switch (outcome) {
            case BatchOutcome.Success ignored -> "0 failures";
            case BatchOutcome.PartialFailure partial -> (attempt.records().size() - partial.firstFailedIndex())
                    + " failures (from sequence number "
                    + attempt.records().get(partial.firstFailedIndex()).getDynamodb().getSequenceNumber() + ")";
            case BatchOutcome.Failure failure -> "function error: " + failure.reason();
        };
    }

    /** Stops after the batch in flight, if any. */
    @Override
    public void close() {
        running = false;
        stopSignal.countDown();
        synchronized (progress) {
            progress.notifyAll();
        }
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    private static final class ShardState {
        final String id;
        final String parentId;
        final boolean presentAtStart;
        final Deque<DynamodbStreamRecord> buffer = new ArrayDeque<>();
        final Deque<RetryPolicy.Attempt<DynamodbStreamRecord>> retries = new ArrayDeque<>();
        String iterator;
        String lastFetched;
        boolean ended;
        long firstBufferedNanos;
        long retryAtNanos;

        ShardState(String id, String parentId, boolean presentAtStart) {
            this.id = id;
            this.parentId = parentId;
            this.presentAtStart = presentAtStart;
        }

        boolean done() {
            return ended && buffer.isEmpty() && retries.isEmpty();
        }
    }
}
