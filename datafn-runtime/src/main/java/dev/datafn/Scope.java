package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.typed.TypedMutation;
import dev.datafn.schema.Namespace;

/**
 * The engine's calls bound to one namespace and actor: either each call in its own database
 * transaction ({@link DataFn#in}) or all calls in one ({@link Transaction}, from {@link DataFn#transact}).
 * Generated repositories run over a scope, so the same repository code works inside and outside a
 * transaction.
 */
public interface Scope {

    /** @return the namespace every call reads and writes */
    Namespace namespace();

    /**
     * Runs a DFQL query, exactly as {@code POST /datafn/query} does.
     *
     * @param dfql the query object
     * @return the page
     * @throws DataFnException for an invalid query, with the JSON path of the offending part
     */
    QueryResult query(JsonNode dfql);

    /**
     * Applies a mutation, exactly as {@code POST /datafn/mutation} does.
     *
     * @param mutation the mutation object
     * @return the result
     * @throws DataFnException for an invalid, refused or conflicting mutation
     */
    MutationResult mutate(JsonNode mutation);

    /**
     * Applies a typed mutation, e.g. {@code TodoMutations.merge(id).set(TodoFields.TITLE, "x")}.
     *
     * @param mutation the mutation
     * @return the result
     * @throws DataFnException for a refused or conflicting mutation
     */
    default MutationResult mutate(TypedMutation<?> mutation) {
        return mutate(mutation.toWire());
    }
}
