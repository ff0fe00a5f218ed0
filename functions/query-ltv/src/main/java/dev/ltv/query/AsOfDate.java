package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.state.CustomerState;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The day a customer's figures are stated for.
 *
 * <p>The state holds the totals of every purchase stored so far; past totals are not kept. So an {@code asOf}
 * before the last purchase day would label figures that include later purchases with an earlier date, and is
 * refused (this also covers "before the first purchase"). The predictive models need the same bound: a
 * customer's age at {@code asOf} cannot be shorter than the time to their last purchase. A future {@code asOf}
 * is allowed up to {@link #MAX_YEARS_AHEAD} year ahead (a planning date), not beyond.
 */
final class AsOfDate {

    static final String PARAMETER = "asOf";
    static final int MAX_YEARS_AHEAD = 1;
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private AsOfDate() {
    }

    /** The requested day, checked only for its form: a bad one is refused before anything is read. */
    static Optional<LocalDate> parse(QueryString query) {
        return query.get(PARAMETER).map(raw -> {
            if (!ISO_DAY.matcher(raw).matches()) {
                throw invalid("asOf must be a date written yyyy-MM-dd, e.g. 2026-07-01");
            }
            try {
                return LocalDate.parse(raw);
            } catch (DateTimeParseException e) {
                throw invalid("asOf is not a calendar date: " + raw);
            }
        });
    }

    /**
     * @param today today in the business time zone
     */
    static LocalDate resolve(Optional<LocalDate> requested, CustomerState state, LocalDate today) {
        LocalDate lastPurchase = state.lastDay();
        if (requested.isEmpty()) {
            // A purchase may be dated up to a few minutes ahead of the clock, possibly into tomorrow.
            return lastPurchase != null && lastPurchase.isAfter(today) ? lastPurchase : today;
        }
        LocalDate asOf = requested.get();
        if (lastPurchase != null && asOf.isBefore(lastPurchase)) {
            throw invalid("asOf must not be before the customer's last purchase day (" + lastPurchase
                    + "): the figures include every purchase up to that day, and earlier figures are not kept");
        }
        LocalDate latest = today.plusYears(MAX_YEARS_AHEAD);
        if (asOf.isAfter(latest)) {
            throw invalid("asOf must be at most " + MAX_YEARS_AHEAD + " year after today (" + latest + ")");
        }
        return asOf;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(ParameterOverrides.INVALID_PARAMETER, PARAMETER, message);
    }
}
