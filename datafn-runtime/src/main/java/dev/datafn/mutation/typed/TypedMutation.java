package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A mutation built in Java with typed field handles (the generated {@code <Record>Mutations}), as an
 * immutable value.
 *
 * @param <R> the record type of the resource
 */
public interface TypedMutation<R> {

    /** @return the mutation object exactly as {@code POST /datafn/mutation} takes it (a fresh copy) */
    ObjectNode toWire();
}
