package dev.datafn.internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * The primary key class ({@code @IdClass}) of every generated entity: records are keyed by namespace
 * and id, so two namespaces may hold the same id without seeing each other.
 */
public final class RowKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String namespace;
    private String id;

    /** For Hibernate. */
    public RowKey() {
    }

    /**
     * @param namespace the namespace
     * @param id        the record id
     */
    public RowKey(String namespace, String id) {
        this.namespace = namespace;
        this.id = id;
    }

    /** @return the namespace */
    public String getNamespace() {
        return namespace;
    }

    /** @return the record id */
    public String getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey k && Objects.equals(namespace, k.namespace) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, id);
    }

    @Override
    public String toString() {
        return namespace + "/" + id;
    }
}
