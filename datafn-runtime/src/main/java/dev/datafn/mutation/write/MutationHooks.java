package dev.datafn.mutation.write;

import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.PreparedMutation;
import java.util.List;

/**
 * What the write path tells the code around it: each mutation before it is written, and each one with
 * its final result once its transaction has committed. The engine turns these into plugin hooks.
 */
public interface MutationHooks {

    /** Hooks that do nothing. */
    MutationHooks NONE = new MutationHooks() {
    };

    /**
     * Called inside the write transaction, before the mutation writes anything; it may run again for the
     * same mutation when the transaction runs again (see {@link MutationExecutor#write}).
     *
     * @param mutation the checked mutation
     * @throws dev.datafn.error.DataFnException to refuse it: the transaction rolls back
     */
    default void before(PreparedMutation mutation) {
    }

    /**
     * Called once per mutation after its transaction committed.
     *
     * @param committed the mutations of the transaction, in order, with their final results
     */
    default void after(List<Committed> committed) {
    }

    /**
     * A mutation a committed transaction applied.
     *
     * @param mutation the checked mutation
     * @param result   its final result, with its serverSeq
     */
    record Committed(PreparedMutation mutation, MutationResult result) {
    }
}
