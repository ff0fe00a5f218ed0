package dev.ltv.api;

/**
 * The JSON error body: {@code {"error": {"code": "...", "message": "...", "field": "..."}}}.
 *
 * @param code    stable, machine-readable (e.g. INVALID_FIELD, CURRENCY_MISMATCH, CONFLICT)
 * @param message for a person: what is wrong and how to fix it
 * @param field   the JSON field at fault (a path such as {@code purchases[2].amount}), when there is one
 */
public record ApiError(String code, String message, String field) {

    public record Body(ApiError error) {
    }

    public Body body() {
        return new Body(this);
    }
}
