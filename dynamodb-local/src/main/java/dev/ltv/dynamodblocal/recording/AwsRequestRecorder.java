package dev.ltv.dynamodblocal.recording;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every AWS request a function of template.yaml makes, for the permission check
 * (dev.ltv.local.permissions in the local module's tests). The SDK attaches it to every client it builds
 * (software/amazon/awssdk/global/handlers/execution.interceptors in this module), so the functions' own
 * clients are recorded as they are, with no change to how they are built; requests are still sent.
 *
 * <p>Active only when the system property {@value #FILE_PROPERTY} names a file (the build sets it for
 * every test JVM): then the distinct requests are written there, sorted, when the JVM exits. Anywhere else
 * (the local stack run by hand, the benchmarks, Lambda, which never has this jar) it does nothing.
 */
public final class AwsRequestRecorder implements ExecutionInterceptor {

    public static final String FILE_PROPERTY = "ltv.aws.requests";

    private static final Optional<Path> FILE = Optional.ofNullable(System.getProperty(FILE_PROPERTY))
            .filter(value -> !value.isBlank()).map(Path::of);
    private static final ExecutionAttribute<List<RecordedRequest>> PENDING = new ExecutionAttribute<>("ltv.recordedRequests");
    private static final Set<RecordedRequest> RECORDED = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> ITERATOR_STREAMS = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 10_000;
                }
            });

    static {
        FILE.ifPresent(file -> Runtime.getRuntime().addShutdownHook(new Thread(() -> write(file), "aws-request-recording")));
    }

    /** Whether this JVM records (the property is set). */
    public static boolean active() {
        return FILE.isPresent();
    }

    /** What this JVM recorded so far, sorted. */
    public static List<RecordedRequest> recorded() {
        List<RecordedRequest> requests = new ArrayList<>(RECORDED);
        requests.sort(RecordedRequest.ORDER);
        return requests;
    }

    /** The header the SnapStart priming's client sends (dev.ltv.store.DynamoDbClients#forPriming). */
    static final String PRIMING_HEADER = "x-ltv-priming";

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (FILE.isEmpty()) {
            return;
        }
        Optional<String> function = FunctionAttribution.current();
        if (function.isEmpty()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        attributes.putAttribute(PENDING, RequestAuthorisations.of(function.get(), service, operation, context.request(),
                ITERATOR_STREAMS::get));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A request on a resource that does not exist (a test of a misconfigured name) names nothing of the
        // stack; any other failure (a condition, throttling) was authorised first, and counts.
        String failure = context.exception().getClass().getSimpleName();
        boolean priming = context.httpRequest().flatMap(r -> r.firstMatchingHeader(PRIMING_HEADER)).isPresent();
        if (!priming && !failure.equals("ResourceNotFoundException") && !failure.equals("QueueDoesNotExistException")) {
            commit(attributes);
        }
    }

    private static void commit(ExecutionAttributes attributes) {
        List<RecordedRequest> pending = attributes.getAttribute(PENDING);
        if (pending != null) {
            RECORDED.addAll(pending);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (FILE.isEmpty()) {
            return;
        }
        // SnapStart priming talks to a stand-in on the loopback interface, never to AWS: no role is involved
        if (context.httpRequest().firstMatchingHeader(PRIMING_HEADER).isPresent()) {
            return;
        }
        commit(attributes);
        // GetRecords names only an iterator: remember which stream each iterator belongs to
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        String stream = request.getValueForField("StreamArn", String.class)
                .or(() -> request.getValueForField("ShardIterator", String.class).map(ITERATOR_STREAMS::get))
                .orElse(null);
        if (stream != null) {
            response.getValueForField("ShardIterator", String.class).ifPresent(it -> ITERATOR_STREAMS.put(it, stream));
            response.getValueForField("NextShardIterator", String.class).ifPresent(it -> ITERATOR_STREAMS.put(it, stream));
        }
    }

    private static void write(Path file) {
        List<String> lines = recorded().stream().map(RecordedRequest::toJsonLine).toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recorded AWS requests to " + file, e);
        }
    }
}
