package dev.ltv.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda context for tests of any function: it keeps what the handler logs, so tests can check what went to the log and not to the client. */
public final class RecordingContext implements Context {

    private final List<String> lines = new ArrayList<>();
    private final String requestId;

    public RecordingContext(String requestId) {
        this.requestId = requestId;
    }

    /** Every line logged, in order. */
    public List<String> lines() {
        return lines;
    }

    /** Everything logged, one line after another. */
    public String log() {
        return String.join("\n", lines);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                lines.add(message);
            }

            @Override
            public void log(byte[] message) {
                lines.add(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test-function";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/20/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "test-function";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:test-function";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 120_000; // the longest API or stream function's timeout: nothing stops early for want of time
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }
}
