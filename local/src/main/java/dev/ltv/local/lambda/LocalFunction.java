package dev.ltv.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ltv.config.Env;
import dev.ltv.config.LtvConfig;
import dev.ltv.dynamodblocal.recording.FunctionAttribution;
import dev.ltv.local.Log;
import dev.ltv.local.template.FunctionDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One function of the template running in this JVM. Like Lambda, each handler instance serves one
 * invocation at a time: concurrent invocations get extra instances ("containers"), built once and reused,
 * so handlers that keep per-instance state behave as on AWS.
 *
 * <p>Instances are built through the handler's public {@code (LtvConfig, DynamoDbClient)} constructor, or
 * {@code (LtvConfig, DynamoDbClient, X[, Y…])} for interfaces supplied by {@link Collaborators} (preferred, the most of them:
 * the two-argument form may reach for AWS-only resources such as a queue). The config comes from the
 * function's template environment, so the local stack runs the handlers with what the template declares.
 */
public final class LocalFunction {

    private final FunctionDefinition definition;
    private final String region;
    private final Method method;
    private final boolean takesContext;
    private final InstanceFactory factory;
    private final Deque<Object> warm = new ConcurrentLinkedDeque<>();

    private LocalFunction(FunctionDefinition definition, String region, Method method, InstanceFactory factory) {
        this.definition = definition;
        this.region = region;
        this.method = method;
        this.takesContext = method.getParameterCount() == 2;
        this.factory = factory;
    }

    /**
     * Loads the handler class, finds its method and builds a first instance (the "init" phase, so that a
     * configuration error stops the start rather than the first request).
     */
    @SuppressWarnings("try") // the scope is only opened and closed
    public static LocalFunction create(FunctionDefinition definition, DynamoDbClient dynamo, Collaborators collaborators,
                                       String region) {
        Class<?> handlerClass;
        try {
            handlerClass = Class.forName(definition.handlerClass(), true, LocalFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new HandlerNotFoundException(definition.logicalId(), definition.handlerClass());
        }
        Method method = handlerMethod(handlerClass, definition);
        LtvConfig config = LtvConfig.from(Env.of(definition.environment()));
        InstanceFactory factory = instanceFactory(handlerClass, definition.logicalId(), config, dynamo,
                collaborators.copy().withEnvironment(Env.of(definition.environment())));
        LocalFunction function = new LocalFunction(definition, region, method, factory);
        try (var attribution = FunctionAttribution.actingAs(definition.logicalId())) {
            function.warm.push(factory.create());
        }
        return function;
    }

    public String logicalId() {
        return definition.logicalId();
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** The type of the handler's event parameter. */
    public Class<?> eventType() {
        return method.getParameterTypes()[0];
    }

    /** Fails the start when the handler cannot take the events the local stack will send it. */
    public void requireEventType(Class<?> eventClass, String source) {
        if (!eventType().isAssignableFrom(eventClass)) {
            throw new IllegalArgumentException(logicalId() + ": " + source + " delivers " + eventClass.getSimpleName()
                    + ", but " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + " takes "
                    + eventType().getSimpleName());
        }
    }

    /** Invokes the handler with this event, as one Lambda invocation. */
    @SuppressWarnings("try") // the scope is only opened and closed
    public Object invoke(Object event) throws FunctionFailure {
        // the AWS requests made from here are this function's, for the permission check of the tests
        try (var attribution = FunctionAttribution.actingAs(logicalId())) {
            return invokeInstance(event);
        }
    }

    private Object invokeInstance(Object event) throws FunctionFailure {
        Object instance = warm.poll();
        if (instance == null) {
            instance = factory.create();
        }
        long start = System.nanoTime();
        try {
            Context context = new LocalContext(UUID.randomUUID().toString(), logicalId(), region, definition.memoryMb(),
                    definition.timeoutSeconds());
            return takesContext ? method.invoke(instance, event, context) : method.invoke(instance, event);
        } catch (InvocationTargetException e) {
            throw new FunctionFailure(logicalId(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(logicalId() + ": cannot call " + method, e);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > definition.timeoutSeconds() * 1000L) {
                Log.warn(logicalId(), "took " + millis + " ms, over its Timeout of " + definition.timeoutSeconds()
                        + " s: Lambda would have stopped it");
            }
            warm.push(instance);
        }
    }

    private static Method handlerMethod(Class<?> handlerClass, FunctionDefinition definition) {
        // a RequestHandler<I, O> has a bridge handleRequest(Object, Context) too: prefer the typed one
        return Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals(definition.handlerMethod()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 1
                        || (m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class))
                .min(Comparator.comparing(Method::isBridge).thenComparing(m -> -m.getParameterCount()))
                .orElseThrow(() -> new IllegalArgumentException(definition.logicalId() + ": " + handlerClass.getName()
                        + " has no public method " + definition.handlerMethod() + "(event[, Context])"));
    }

    private static InstanceFactory instanceFactory(Class<?> handlerClass, String functionName, LtvConfig config,
                                                   DynamoDbClient dynamo, Collaborators collaborators) {
        // the constructor taking the most collaborators wins (e.g. a poison-record sink and a segment event sink)
        Optional<Constructor<?>> withCollaborator = Arrays.stream(handlerClass.getConstructors())
                .filter(c -> c.getParameterCount() >= 3 && c.getParameterTypes()[0] == LtvConfig.class
                        && c.getParameterTypes()[1] == DynamoDbClient.class)
                .filter(c -> Arrays.stream(c.getParameterTypes()).skip(2)
                        .allMatch(type -> collaborators.forType(type, functionName).isPresent()))
                .max(java.util.Comparator.comparingInt(Constructor::getParameterCount));
        if (withCollaborator.isPresent()) {
            Constructor<?> constructor = withCollaborator.get();
            Object[] args = new Object[constructor.getParameterCount()];
            args[0] = config;
            args[1] = dynamo;
            for (int i = 2; i < args.length; i++) {
                args[i] = collaborators.forType(constructor.getParameterTypes()[i], functionName).orElseThrow();
            }
            return () -> newInstance(constructor, functionName, args);
        }
        try {
            Constructor<?> constructor = handlerClass.getConstructor(LtvConfig.class, DynamoDbClient.class);
            return () -> newInstance(constructor, functionName, config, dynamo);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(functionName + ": " + handlerClass.getName()
                    + " needs a public (LtvConfig, DynamoDbClient) constructor for the local stack");
        }
    }

    private static Object newInstance(Constructor<?> constructor, String functionName, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(functionName + ": the handler's constructor failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(functionName + ": cannot build the handler", e);
        }
    }

    @FunctionalInterface
    private interface InstanceFactory {
        Object create();
    }
}
