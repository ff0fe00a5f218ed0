package dev.ltv.local.lambda;

import dev.ltv.config.Env;
import dev.ltv.local.Log;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack passes for a handler's third constructor parameter (an interface, e.g. the
 * recalculation's sink for poison records, which writes to SQS on AWS). An implementation can be
 * registered per interface; any other interface gets a stand-in that logs each call and does nothing else,
 * the local equivalent of "sent to the queue". A parameter of type {@link Env} gets the function's own
 * environment from template.yaml (settings only that function reads, such as the fit's CLV_MODEL).
 */
public final class Collaborators {

    private final Map<Class<?>, Object> registered = new LinkedHashMap<>();
    /** The function's own environment (template.yaml), for a handler that reads settings beyond LtvConfig. */
    private Env environment;

    public <T> Collaborators register(Class<T> type, T implementation) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        registered.put(type, type.cast(implementation));
        return this;
    }

    public boolean has(Class<?> type) {
        return registered.containsKey(type);
    }

    /** A copy to which a stack can add its own without touching the caller's. */
    public Collaborators copy() {
        Collaborators copy = new Collaborators();
        copy.registered.putAll(registered);
        copy.environment = environment;
        return copy;
    }

    /** Supplies {@code environment} for a constructor parameter of type {@link Env}. */
    Collaborators withEnvironment(Env environment) {
        this.environment = environment;
        return this;
    }

    /** The collaborator for this parameter type, or empty when the local stack cannot supply one. */
    Optional<Object> forType(Class<?> type, String functionName) {
        if (type == Env.class) {
            return Optional.ofNullable(environment);
        }
        Object implementation = registered.get(type);
        if (implementation != null) {
            return Optional.of(implementation);
        }
        return type.isInterface() ? Optional.of(loggingStandIn(type, functionName)) : Optional.empty();
    }

    private static Object loggingStandIn(Class<?> type, String functionName) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "local " + type.getSimpleName() + " (logs only)";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            Log.warn(functionName, type.getSimpleName() + "." + method.getName()
                    + (args == null ? "()" : Arrays.toString(args)) + " (on AWS this goes to its destination; logged only locally)");
            return defaultValue(method.getReturnType());
        });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == void.class || !type.isPrimitive()) {
            return null;
        }
        if (type == char.class) {
            return '\0';
        }
        return type == long.class ? 0L : type == double.class ? 0d : type == float.class ? 0f : type == short.class
                ? (short) 0 : type == byte.class ? (byte) 0 : 0;
    }
}
