package dev.datafn.internal;

import java.io.Serializable;

/**
 * The primary key class ({@code @IdClass}) of every generated entity: records are keyed by namespace
 * and id, so two namespaces may hold the same id without seeing each other.
 *
 * <p>A record on purpose: Hibernate orders the columns of a composite key by attribute name, except for a
 * record whose components name the key attributes, which keeps its components' order. So the key is
 * {@code (namespace, id)}, and the primary key's index serves every query, each scoped to one namespace,
 * and its pages in id order; keyed {@code (id, namespace)}, a page could walk the ids of every namespace.
 *
 * @param namespace the namespace
 * @param id        the record id
 */
public record RowKey(String namespace, String id) implements Serializable {

    /** @return {@code namespace/id}, as messages name a row */
    @Override
    public String toString() {
        return namespace + "/" + id;
    }
}
