package dev.ltv.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

import java.util.function.Function;

/**
 * The one mapping of failures to HTTP answers for every API function: a client's mistake to its 4xx with the
 * JSON error; DynamoDB throttling that outlasts the SDK's retries, timeouts and bounded contention to 503;
 * anything else to a 500 with a fixed message and the request id, the details going to the log only.
 */
public final class HttpApiHandling {

    private HttpApiHandling() {
    }

    public static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context,
                                                   Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> route) {
        String requestId = RequestLog.requestId(context);
        try {
            return route.apply(event);
        } catch (ApiException e) {
            return HttpResponses.error(e);
        } catch (ValidationException e) {
            return e.toResponse();
        } catch (ServiceBusyException e) {
            RequestLog.warn(context, e.getMessage());
            return HttpResponses.serviceUnavailable(requestId);
        } catch (AwsServiceException e) {
            if (isThrottling(e)) {
                RequestLog.warn(context, "DynamoDB throttled after the SDK's retries: " + e.getClass().getSimpleName());
                return HttpResponses.serviceUnavailable(requestId);
            }
            RequestLog.error(context, "DynamoDB refused a request", e);
            return HttpResponses.internalError(requestId);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            RequestLog.warn(context, "DynamoDB did not answer in time: " + e.getMessage());
            return HttpResponses.serviceUnavailable(requestId);
        } catch (RuntimeException e) {
            RequestLog.error(context, "unexpected failure", e);
            return HttpResponses.internalError(requestId);
        }
    }

    private static boolean isThrottling(AwsServiceException e) {
        return e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException
                || e.isThrottlingException();
    }
}
