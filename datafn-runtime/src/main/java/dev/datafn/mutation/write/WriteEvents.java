package dev.datafn.mutation.write;

import dev.datafn.schema.Namespace;

/**
 * What the write path reports as it works, for whoever watches the engine (metrics, tests that must
 * act at an exact moment). Called on the writing thread; an implementation must be quick and not throw.
 */
public interface WriteEvents {

    /** Reports nothing. */
    WriteEvents NONE = new WriteEvents() {
    };

    /**
     * A write's transaction rolled back and runs again: a concurrent request holds its idempotency key and
     * has not committed yet (the write answers that request's result once it commits, or applies itself
     * once it rolls back), a write applied without looking first hit a constraint, or the namespace's
     * sequence counter vanished.
     *
     * @param namespace the namespace of the write
     */
    default void runningAgain(Namespace namespace) {
    }
}
