package dev.ltv.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.List;

/**
 * A request with one or more invalid fields: answered 400 with every problem, so a client fixes them all at once.
 * Body: {@code {"error": {code, message, field}, "errors": [{index?, code, field, message}, ...]}}, where
 * {@code error} summarises (for a single object it is the first problem) and {@code index} is the position in a
 * batch.
 */
public final class ValidationException extends RuntimeException {

    public record Problem(Integer index, String code, String field, String message) {
    }

    public record Body(ApiError error, List<Problem> errors) {
    }

    private final transient ApiError summary;
    private final transient List<Problem> problems;

    public ValidationException(ApiError summary, List<Problem> problems) {
        super(summary.message(), null, false, false);
        this.summary = summary;
        this.problems = List.copyOf(problems);
    }

    public ApiError summary() {
        return summary;
    }

    public List<Problem> problems() {
        return problems;
    }

    public APIGatewayV2HTTPResponse toResponse() {
        return HttpResponses.json(400, new Body(summary, problems));
    }
}
