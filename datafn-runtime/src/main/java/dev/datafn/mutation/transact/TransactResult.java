package dev.datafn.mutation.transact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.Outcome;
import java.util.List;

/**
 * The answer to {@code POST /datafn/transact}: each step's outcome, and for an atomic transaction that
 * failed, the step that failed and why (every earlier step then rolled back, later ones never ran).
 *
 * @param transactionId the caller's transaction id, echoed; or {@code null}
 * @param steps         each step's outcome, in order (up to the failed step when an atomic one failed)
 * @param failedStep    the index of the step that failed an atomic transaction, or -1
 * @param error         why it failed, or {@code null}
 */
public record TransactResult(String transactionId, List<StepOutcome> steps, int failedStep, DataFnException error) {

    /** Copies the steps. */
    public TransactResult {
        steps = List.copyOf(steps);
    }

    /** @return whether every step succeeded */
    public boolean ok() {
        return error == null && steps.stream().allMatch(s -> s.outcome().ok());
    }

    /**
     * One step's outcome.
     *
     * @param kind       {@code query} or {@code mutation}
     * @param outcome    its result (the query's page or the mutation's result, as JSON) or its error; for a
     *                   rolled-back step, done without a result
     * @param rolledBack whether it succeeded but was rolled back because a later step failed
     */
    public record StepOutcome(String kind, Outcome<JsonNode> outcome, boolean rolledBack) {

        /** @param kind {@code query} or {@code mutation} @return a step that succeeded and was undone */
        public static StepOutcome rolledBack(String kind) {
            return new StepOutcome(kind, Outcome.done(null), true);
        }
    }
}
