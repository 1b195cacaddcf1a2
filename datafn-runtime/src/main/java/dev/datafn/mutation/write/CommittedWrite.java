package dev.datafn.mutation.write;

import dev.datafn.schema.Namespace;
import java.util.Set;

/**
 * A write transaction that committed changes: what a listener of {@code DataFn.onCommit} hears, e.g. to
 * tell a namespace's live clients that there is something to pull. A transaction that changed nothing (a
 * retry answered from its idempotency record) or rolled back is never reported.
 *
 * @param namespace     the namespace written
 * @param lastServerSeq the highest serverSeq of the transaction's changes
 * @param resources     the resources whose records or links it changed
 */
public record CommittedWrite(Namespace namespace, long lastServerSeq, Set<String> resources) {

    /** Checks and copies the parts. */
    public CommittedWrite {
        java.util.Objects.requireNonNull(namespace, "namespace");
        resources = Set.copyOf(resources);
    }
}
