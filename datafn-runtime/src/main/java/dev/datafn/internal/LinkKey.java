package dev.datafn.internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * The primary key class ({@code @IdClass}) of every generated link entity: (namespace, owner id,
 * target id), so a link exists at most once.
 */
public final class LinkKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String namespace;
    private String ownerId;
    private String targetId;

    /** For Hibernate. */
    public LinkKey() {
    }

    /**
     * @param namespace the namespace
     * @param ownerId   the id of the record that declares the relation
     * @param targetId  the id of the related record
     */
    public LinkKey(String namespace, String ownerId, String targetId) {
        this.namespace = namespace;
        this.ownerId = ownerId;
        this.targetId = targetId;
    }

    /** @return the namespace */
    public String getNamespace() {
        return namespace;
    }

    /** @return the owner's id */
    public String getOwnerId() {
        return ownerId;
    }

    /** @return the target's id */
    public String getTargetId() {
        return targetId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkKey k && Objects.equals(namespace, k.namespace) && Objects.equals(ownerId, k.ownerId)
                && Objects.equals(targetId, k.targetId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, ownerId, targetId);
    }

    @Override
    public String toString() {
        return namespace + "/" + ownerId + "->" + targetId;
    }
}
