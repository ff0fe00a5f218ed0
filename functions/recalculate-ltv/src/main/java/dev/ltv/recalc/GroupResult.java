package dev.ltv.recalc;

import dev.ltv.state.Recalculator;

/** What became of one customer's group in a batch. */
sealed interface GroupResult {

    /** Applied (or found applied before, by its markers). */
    record Applied(Recalculator.Outcome outcome) implements GroupResult {
    }

    /** Failed for a passing reason (throttling, contention, a timeout): a later delivery can apply it. */
    record Retry(RuntimeException cause) implements GroupResult {
    }

    /** No retry can apply it: for the dead-letter queue. */
    record Unusable(RuntimeException cause) implements GroupResult {
    }

    /** Never started: the invocation was close to its timeout, or an earlier group already needs a retry. */
    record NotStarted(String why) implements GroupResult {
    }

    /** The invocation died while applying it (an Error): the whole batch fails, as in Lambda. */
    record Crashed(Error error) implements GroupResult {
    }
}
