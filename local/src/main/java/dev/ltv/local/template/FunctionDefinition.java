package dev.ltv.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS::Serverless::Function of the template, with Globals applied and intrinsic references resolved.
 *
 * @param logicalId      the resource's logical id, e.g. RecalculateLtvFunction
 * @param handlerClass   the class part of {@code Handler}
 * @param handlerMethod  the method part of {@code Handler} (handleRequest when the template omits it)
 * @param environment    Globals.Function.Environment.Variables merged with the function's, resolved
 * @param timeoutSeconds Timeout (Lambda's default 3)
 * @param memoryMb       MemorySize (Lambda's default 128)
 * @param routes         its HttpApi events
 * @param streams        its DynamoDB stream events
 * @param otherEvents    event types the local stack does not drive (e.g. Schedule), for the start-up notice
 */
public record FunctionDefinition(
        String logicalId,
        String handlerClass,
        String handlerMethod,
        Map<String, String> environment,
        int timeoutSeconds,
        int memoryMb,
        List<HttpRoute> routes,
        List<StreamEventSource> streams,
        List<String> otherEvents) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
        streams = List.copyOf(streams);
        otherEvents = List.copyOf(otherEvents);
    }

    public Optional<StreamEventSource> stream() {
        return streams.stream().findFirst();
    }
}
