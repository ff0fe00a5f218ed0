package dev.ltv.local.stream;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryPolicyTest {

    private static final List<String> BATCH = List.of("r1", "r2", "r3", "r4", "r5");

    @Test
    void successLeavesNothingToDo() {
        RetryPolicy.Plan<String> plan = new RetryPolicy(2, true).after(new RetryPolicy.Attempt<>(BATCH, 0), new BatchOutcome.Success());
        assertEquals(List.of(), plan.retries());
        assertEquals(List.of(), plan.discarded());
    }

    @Test
    void partialFailureRetriesFromTheFailedRecordWithoutSplitting() {
        RetryPolicy.Plan<String> plan = new RetryPolicy(2, true).after(new RetryPolicy.Attempt<>(BATCH, 0),
                new BatchOutcome.PartialFailure(2));
        assertEquals(List.of(new RetryPolicy.Attempt<>(List.of("r3", "r4", "r5"), 1)), plan.retries());
    }

    @Test
    void failureRetriesTheWholeBatchOrItsTwoHalvesWhenBisecting() {
        RetryPolicy.Attempt<String> batch = new RetryPolicy.Attempt<>(BATCH, 0);
        assertEquals(List.of(new RetryPolicy.Attempt<>(BATCH, 1)),
                new RetryPolicy(-1, false).after(batch, new BatchOutcome.Failure("x")).retries());
        assertEquals(List.of(new RetryPolicy.Attempt<>(List.of("r1", "r2", "r3"), 1), new RetryPolicy.Attempt<>(List.of("r4", "r5"), 1)),
                new RetryPolicy(-1, true).after(batch, new BatchOutcome.Failure("x")).retries());
        assertEquals(List.of(new RetryPolicy.Attempt<>(List.of("r1"), 4)),
                new RetryPolicy(-1, true).after(new RetryPolicy.Attempt<>(List.of("r1"), 3), new BatchOutcome.Failure("x")).retries(),
                "a single record cannot be split: it is retried as it is");
    }

    @Test
    void recordsAreDiscardedOnceTheirRetriesAreUsedUp() {
        RetryPolicy policy = new RetryPolicy(2, true);
        assertEquals(1, policy.after(new RetryPolicy.Attempt<>(BATCH, 1), new BatchOutcome.Failure("x")).retries().size() - 1,
                "second failure: still retried (split)");
        RetryPolicy.Plan<String> exhausted = policy.after(new RetryPolicy.Attempt<>(List.of("r4", "r5"), 2), new BatchOutcome.Failure("x"));
        assertEquals(List.of(), exhausted.retries());
        assertEquals(List.of("r4", "r5"), exhausted.discarded());
        RetryPolicy.Plan<String> partial = new RetryPolicy(0, false).after(new RetryPolicy.Attempt<>(BATCH, 0),
                new BatchOutcome.PartialFailure(3));
        assertEquals(List.of("r4", "r5"), partial.discarded(), "MaximumRetryAttempts 0: no retry at all");
    }
}
