package dev.ltv.state;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the stored purchase day next to a boundary. Needed only when a change empties the first or the
 * last purchase day, and then reads a handful of day items: never the whole history.
 */
public interface DayIndex {

    /** The earliest stored purchase day after {@code day}, not among {@code skip} (days being rewritten). */
    Optional<DayTotal> firstPurchaseDayAfter(LocalDate day, Set<LocalDate> skip);

    /** The latest stored purchase day before {@code day}, not among {@code skip}. */
    Optional<DayTotal> lastPurchaseDayBefore(LocalDate day, Set<LocalDate> skip);
}
