package dev.datafn.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.QueryResult;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationResult;

/**
 * Seed 001's server-side plugin: code that runs around every query, mutation and sync phase, on every
 * surface that performs it (DFQL, batches, transaction steps, push, seed, clone, pull, reconcile, the REST
 * wrappers and in-process calls). Plugins run in the order given to
 * {@link dev.datafn.DataFnBuilder#plugins}; every hook has a default that does nothing.
 *
 * <p>A {@code before} hook refuses by throwing: a {@link dev.datafn.error.DataFnException} reaches the
 * caller as it is (its code and message), any other exception as 403 {@code FORBIDDEN} "refused by plugin
 * '<name>'" (and is logged). Nothing of the refused work is written: a refused mutation of an all-or-nothing
 * request (a transaction, an atomic push, a seed) rolls the whole request back; in a batch where each item
 * has its own outcome, only the refused item is refused. An {@code after} hook runs once the work is done
 * (for a mutation: once its transaction committed); if it throws, the exception is logged and the answer
 * is unchanged, and the write stays.
 *
 * <pre>{@code
 * DataFnPlugin audit = new DataFnPlugin() {
 *     public void afterMutation(PluginContext ctx, Mutation mutation, MutationResult result) {
 *         log.info(ctx.actorId() + " " + mutation.operation() + " " + ctx.resource() + " " + result.affectedIds());
 *     }
 * };
 * DataFn.builder().schema(TodoSchema.INSTANCE).plugins(audit).build();
 * }</pre>
 */
public interface DataFnPlugin {

    /** @return the plugin's name, in refusals and logs (default: its class's simple name) */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /**
     * Before a query runs, once it has been checked against the schema.
     *
     * @param ctx the caller, the action and the queried resource
     */
    default void beforeQuery(PluginContext ctx) {
    }

    /**
     * After a query ran, before its answer is returned.
     *
     * @param ctx    the caller, the action and the queried resource
     * @param result the answer
     */
    default void afterQuery(PluginContext ctx, QueryResult result) {
    }

    /**
     * Before a mutation writes anything, once it has been checked against the schema. It may be called
     * again for the same mutation when the write path runs its transaction again, so it should only check,
     * never count or record.
     *
     * @param ctx      the caller, the action and the written resource
     * @param mutation the mutation
     */
    default void beforeMutation(PluginContext ctx, Mutation mutation) {
    }

    /**
     * After a mutation's transaction committed; called once per committed mutation, also for a retry
     * answered from its idempotency record ({@code result.deduped()}).
     *
     * @param ctx      the caller, the action and the written resource
     * @param mutation the mutation
     * @param result   its result, with its serverSeq
     */
    default void afterMutation(PluginContext ctx, Mutation mutation, MutationResult result) {
    }

    /**
     * Before a sync phase, with its request; may return another request to run instead.
     *
     * @param ctx     the caller and the action (the phase)
     * @param phase   {@code clone}, {@code pull}, {@code push}, {@code reconcile} or {@code seed}
     * @param payload the request as sent, or as the plugins before this one returned it
     * @return the request to run: {@code payload} itself, a changed one, or {@code null} for unchanged
     */
    default JsonNode beforeSync(PluginContext ctx, String phase, JsonNode payload) {
        return payload;
    }

    /**
     * After a sync phase did its work. For a streamed clone, the answer has been checked and is about to
     * be streamed.
     *
     * @param ctx     the caller and the action (the phase)
     * @param phase   the phase
     * @param payload the request the phase ran
     */
    default void afterSync(PluginContext ctx, String phase, JsonNode payload) {
    }
}
