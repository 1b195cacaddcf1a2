package dev.datafn.db;

import dev.datafn.query.plan.Plan;

/**
 * What the query path tells the code around it: each query once it is checked, before it runs, and its
 * answer. The engine turns these into plugin hooks.
 */
public interface QueryHooks {

    /** Hooks that do nothing. */
    QueryHooks NONE = new QueryHooks() {
    };

    /**
     * Called when a query has been checked against the schema, before anything of it runs.
     *
     * @param plan the checked query
     * @throws dev.datafn.error.DataFnException to refuse it
     */
    default void before(Plan plan) {
    }

    /**
     * Called with a query's answer, before it is returned.
     *
     * @param plan   the query
     * @param result its answer
     */
    default void after(Plan plan, QueryResult result) {
    }
}
