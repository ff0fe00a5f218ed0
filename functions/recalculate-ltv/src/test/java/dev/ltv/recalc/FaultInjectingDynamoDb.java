package dev.ltv.recalc;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;

/**
 * A real DynamoDB client (talking to DynamoDB Local) with failures injected around transaction writes:
 * before the write (nothing happened), after it (it happened but the caller never hears so: a timeout or
 * a crash between two writes), "crashes" that abort the whole invocation, and reads that stay throttled.
 */
final class FaultInjectingDynamoDb implements InvocationHandler {

    private final DynamoDbClient real;
    private final Random random;
    private final double before;
    private final double after;
    private final double crash;
    int injected;

    private FaultInjectingDynamoDb(DynamoDbClient real, Random random, double before, double after, double crash) {
        this.real = real;
        this.random = random;
        this.before = before;
        this.after = after;
        this.crash = crash;
    }

    static DynamoDbClient wrap(DynamoDbClient real, Random random, double before, double after, double crash,
                               FaultInjectingDynamoDb[] handle) {
        FaultInjectingDynamoDb injector = new FaultInjectingDynamoDb(real, random, before, after, crash);
        handle[0] = injector;
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, injector);
    }

    /**
     * The invocation dies (timeout, out of memory, a lost container): nothing in the handler can catch it, and
     * Lambda sees a function error for the whole batch.
     */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
        boolean write = method.getName().equals("transactWriteItems");
        if (method.getName().equals("batchGetItem") && random.nextDouble() < before) {
            injected++;
            // what the store throws when a read stays throttled: the batch reports its checkpoint for a later retry
            throw new dev.ltv.api.ServiceBusyException("injected: reads stayed throttled");
        }
        if (write && random.nextDouble() < before) {
            injected++;
            throw SdkClientException.create("injected: connection reset before the write");
        }
        if (write && random.nextDouble() < crash) {
            injected++;
            throw new SimulatedCrash("injected: the function died before the write");
        }
        Object result;
        try {
            result = method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (write && random.nextDouble() < after) {
            injected++;
            if (random.nextBoolean()) {
                throw SdkClientException.create("injected: the write happened but its response was lost");
            }
            throw new SimulatedCrash("injected: the function died right after the write");
        }
        return result;
    }
}
