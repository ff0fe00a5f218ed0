package dev.ltv.local.lambda;

/** The handler failed (threw): on AWS the invocation returns a function error. The cause is the handler's. */
public final class FunctionFailure extends Exception {

    public FunctionFailure(String functionName, Throwable cause) {
        super(functionName + " failed: " + cause, cause);
    }
}
