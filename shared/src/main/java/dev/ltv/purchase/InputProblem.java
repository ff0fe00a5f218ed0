package dev.ltv.purchase;

/**
 * One thing wrong with a client's input.
 *
 * @param field   the field at fault, relative to the object that was checked (e.g. {@code amount},
 *                {@code metadata.color}); null when the object as a whole is wrong
 * @param code    stable and machine-readable: MISSING_FIELD, UNKNOWN_FIELD, INVALID_FIELD, CURRENCY_MISMATCH
 * @param message for a person: what is wrong and what is accepted
 */
public record InputProblem(String field, String code, String message) {

    public static final String MISSING_FIELD = "MISSING_FIELD";
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    public static final String INVALID_FIELD = "INVALID_FIELD";
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";

    /** The same problem seen from an enclosing object: {@code amount} becomes {@code purchases[3].amount}. */
    public InputProblem under(String prefix) {
        return new InputProblem(field == null ? prefix : prefix + "." + field, code, message);
    }
}
