package dev.datafn.mutation.write;

/**
 * Writes applied without looking first (see {@link WriteSession}) hit a constraint when they reached the
 * database: an id or unique value was taken, or an idempotency key was used before or is in use. Which
 * write, and why, only the careful path can tell, so the transaction rolls back and
 * {@link MutationExecutor} runs it again, looking before each write.
 */
final class OptimisticWriteFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OptimisticWriteFailed(RuntimeException cause) {
        super(null, cause, false, false);
    }
}
