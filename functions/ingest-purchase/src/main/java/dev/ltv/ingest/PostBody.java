package dev.ltv.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.ApiError;
import dev.ltv.api.ApiException;
import dev.ltv.api.ValidationException;
import dev.ltv.purchase.InputProblem;
import dev.ltv.purchase.InvalidInputException;
import dev.ltv.purchase.PurchaseInput;
import dev.ltv.purchase.PurchaseValidator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /purchases}: one purchase object, or {@code {"purchases": [...]}} with 1 to
 * {@link #MAX_BATCH} of them. A batch is validated as a whole before anything is written: one invalid item
 * refuses the batch, with every problem of every item.
 */
record PostBody(boolean batch, List<PurchaseInput> items) {

    static final int MAX_BATCH = 100;
    static final String BATCH_FIELD = "purchases";

    static PostBody parse(JsonNode root, PurchaseValidator validator) {
        if (!root.isObject()) {
            throw ApiException.badRequest("INVALID_BODY", null,
                    "the body must be a JSON object: one purchase, or {\"purchases\": [ ... ]}");
        }
        return root.has(BATCH_FIELD) ? batch(root, validator) : single(root, validator);
    }

    private static PostBody single(JsonNode root, PurchaseValidator validator) {
        try {
            return new PostBody(false, List.of(validator.purchase(root)));
        } catch (InvalidInputException e) {
            throw invalidObject(e);
        }
    }

    /** One object's problems as a 400: the first one summarises, all are listed. */
    static ValidationException invalidObject(InvalidInputException e) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (InputProblem p : e.problems()) {
            problems.add(new ValidationException.Problem(null, p.code(), p.field(), p.message()));
        }
        InputProblem first = e.problems().getFirst();
        return new ValidationException(new ApiError(first.code(), first.message(), first.field()), problems);
    }

    private static PostBody batch(JsonNode root, PurchaseValidator validator) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(BATCH_FIELD)) {
                problems.add(new ValidationException.Problem(null, InputProblem.UNKNOWN_FIELD, name,
                        "a batch body holds only \"purchases\""));
            }
        }
        JsonNode array = root.get(BATCH_FIELD);
        if (!array.isArray() || array.isEmpty() || array.size() > MAX_BATCH) {
            problems.add(new ValidationException.Problem(null, InputProblem.INVALID_FIELD, BATCH_FIELD,
                    "must be an array of 1 to " + MAX_BATCH + " purchases"
                            + (array.isArray() ? " (it has " + array.size() + ")" : "")));
            throw invalid(problems, null);
        }
        List<PurchaseInput> items = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        int invalidItems = 0;
        for (int i = 0; i < array.size(); i++) {
            String path = BATCH_FIELD + "[" + i + "]";
            try {
                PurchaseInput input = validator.purchase(array.get(i));
                items.add(input);
                Integer first = firstIndex.putIfAbsent(input.customerId() + '\u0000' + input.purchaseId(), i);
                if (first != null && !items.get(first).sameContentAs(input)) {
                    invalidItems++;
                    problems.add(new ValidationException.Problem(i, "DUPLICATE_IN_BATCH", path + ".purchaseId",
                            "has the same customerId and purchaseId as " + BATCH_FIELD + "[" + first
                                    + "] but different content"));
                }
            } catch (InvalidInputException e) {
                items.add(null);
                invalidItems++;
                for (InputProblem p : e.problems()) {
                    InputProblem located = p.under(path);
                    problems.add(new ValidationException.Problem(i, located.code(), located.field(), located.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems, invalidItems == 0 ? null
                    : invalidItems + " of " + array.size() + " purchases are invalid; nothing was written");
        }
        return new PostBody(true, List.copyOf(items));
    }

    private static ValidationException invalid(List<ValidationException.Problem> problems, String summary) {
        ValidationException.Problem first = problems.getFirst();
        ApiError error = summary == null
                ? new ApiError(first.code(), first.message(), first.field())
                : new ApiError("INVALID_PURCHASES", summary, BATCH_FIELD);
        return new ValidationException(error, problems);
    }
}
