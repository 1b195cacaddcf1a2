package dev.datafn;

/**
 * Calls inside one database transaction, from {@link DataFn#transact}: every mutation made through it
 * commits together with its change records and idempotency records, or none does. Queries see the
 * transaction's own writes. A failing call throws, and the whole transaction rolls back when the
 * exception leaves {@code transact}.
 *
 * <p>Not thread-safe: use it only on the thread that runs the transaction's work.
 */
public interface Transaction extends Scope {
}
