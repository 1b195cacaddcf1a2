package dev.datafn.sync;

import dev.datafn.error.DataFnException;
import dev.datafn.error.Outcome;
import dev.datafn.mutation.MutationResult;
import java.util.List;

/**
 * The answer to {@code POST /datafn/push}: each mutation's outcome, or, for an atomic push that failed,
 * the index of the first failure (nothing was applied).
 *
 * @param results     each mutation's outcome, in order; empty when an atomic push failed
 * @param failedIndex the index of the mutation that failed an atomic push, or -1
 * @param error       why it failed, or {@code null}
 */
public record PushResult(List<Outcome<MutationResult>> results, int failedIndex, DataFnException error) {

    /** Copies the results. */
    public PushResult {
        results = List.copyOf(results);
    }

    /** @return whether every mutation applied */
    public boolean ok() {
        return error == null && results.stream().allMatch(Outcome::ok);
    }
}
