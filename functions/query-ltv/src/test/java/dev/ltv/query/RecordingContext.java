package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda context that keeps what the handler logs, so tests can check what went to the log and not to the client. */
final class RecordingContext implements Context {

    final List<String> lines = new ArrayList<>();
    private final String requestId;

    RecordingContext(String requestId) {
        this.requestId = requestId;
    }

    String log() {
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
        return "/aws/lambda/QueryLtvFunction";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/20/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "QueryLtvFunction";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:QueryLtvFunction";
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
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }
}
