package dev.datafn.mutation.write;

/**
 * A concurrent request got there first in a way that running the transaction again resolves: the same
 * idempotency key is being applied and has not committed yet, or an upsert's record was inserted by
 * someone else between looking and inserting. The transaction rolls back; {@link MutationExecutor}
 * runs it again when it may, and answers CONFLICT when it may not.
 */
final class ConcurrentWrite extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What to tell the caller when the transaction cannot be run again. */
    private final String conflict;

    ConcurrentWrite(String conflict) {
        super(null, null, false, false);
        this.conflict = conflict;
    }

    String conflict() {
        return conflict;
    }
}
