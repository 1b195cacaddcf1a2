package dev.datafn.changelog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One applied change: the change log sync reads. Keyed by (namespace, serverSeq); a namespace's
 * serverSeqs are gap-free and in commit order.
 */
@Entity
@Table(name = "datafn_changes", indexes = {
    @Index(name = "datafn_changes_resource_idx", columnList = "namespace, resource, server_seq"),
    // A failed guard answers the record's latest serverSeq; sync asks a record's history the same way.
    @Index(name = "datafn_changes_record_idx", columnList = "namespace, resource, record_id")})
@IdClass(ChangeRecordEntity.Key.class)
public class ChangeRecordEntity {

    @Id
    @Column(name = "namespace", length = 255, nullable = false)
    private String namespace;

    @Id
    @Column(name = "server_seq", nullable = false)
    private long serverSeq;

    @Column(name = "resource", length = 63, nullable = false)
    private String resource;

    @Column(name = "record_id", length = 255, nullable = false)
    private String recordId;

    @Column(name = "op", length = 32, nullable = false)
    private String operation;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "data")
    private String data;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "link")
    private String link;

    @Column(name = "actor", length = 255)
    private String actor;

    @Column(name = "client_id", length = 255)
    private String clientId;

    @Column(name = "mutation_id", length = 255)
    private String mutationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate. */
    protected ChangeRecordEntity() {
    }

    /**
     * @param namespace  the namespace
     * @param serverSeq  the namespace's sequence number of this change
     * @param change     what changed
     * @param createdAt  when it was applied
     */
    public ChangeRecordEntity(String namespace, long serverSeq, Change change, Instant createdAt) {
        this.namespace = namespace;
        this.serverSeq = serverSeq;
        this.resource = change.resource();
        this.recordId = change.recordId();
        this.operation = change.operation();
        this.data = change.data() == null ? null : change.data().toString();
        this.link = change.link() == null ? null : change.link().toString();
        this.actor = change.actor();
        this.clientId = change.clientId();
        this.mutationId = change.mutationId();
        this.createdAt = createdAt;
    }

    /** @return the namespace */
    public String getNamespace() {
        return namespace;
    }

    /** @return the sequence number */
    public long getServerSeq() {
        return serverSeq;
    }

    /** @return the resource */
    public String getResource() {
        return resource;
    }

    /** @return the record id */
    public String getRecordId() {
        return recordId;
    }

    /** @return the operation */
    public String getOperation() {
        return operation;
    }

    /** @return the record after the change as JSON text, or {@code null} for a delete */
    public String getData() {
        return data;
    }

    /** @return the changed relation link as JSON text, or {@code null} when the change is not to a link */
    public String getLink() {
        return link;
    }

    /** @return who made the change, or {@code null} */
    public String getActor() {
        return actor;
    }

    /** @return the client that sent the mutation, or {@code null} */
    public String getClientId() {
        return clientId;
    }

    /** @return the mutation id, or {@code null} */
    public String getMutationId() {
        return mutationId;
    }

    /** @return when the change was applied */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** The primary key: (namespace, serverSeq). */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String namespace;
        private long serverSeq;

        /** For Hibernate. */
        public Key() {
        }

        /** @param namespace the namespace @param serverSeq the sequence number */
        public Key(String namespace, long serverSeq) {
            this.namespace = namespace;
            this.serverSeq = serverSeq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && serverSeq == k.serverSeq && Objects.equals(namespace, k.namespace);
        }

        @Override
        public int hashCode() {
            return Objects.hash(namespace, serverSeq);
        }
    }
}
