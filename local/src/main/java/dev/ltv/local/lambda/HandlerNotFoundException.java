package dev.ltv.local.lambda;

/** The template names a handler class that is not on the local stack's classpath. */
public final class HandlerNotFoundException extends RuntimeException {

    public HandlerNotFoundException(String functionName, String className) {
        super(functionName + ": handler class " + className + " is not on the classpath");
    }
}
