package dev.ltv.api;

/**
 * A client's mistake or a refused request, answered with its status and a JSON error body. Its message is
 * written for the client; it never carries internal details.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String code, String field, String message) {
        return new ApiException(400, code, field, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", null, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public ApiError toError() {
        return new ApiError(code, getMessage(), field);
    }
}
