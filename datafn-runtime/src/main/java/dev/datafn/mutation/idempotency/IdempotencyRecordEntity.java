package dev.datafn.mutation.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored outcome of one mutation, keyed by (namespace, clientId, mutationId), so a retry answers
 * the first result instead of running again. Written in the mutation's own transaction.
 */
@Entity
// The result is written once the serverSeqs are known, through IdempotencyResultEntity: that UPDATE carries
// the result column alone, and goes in one JDBC batch for a batch of mutations.
@Table(name = "datafn_idempotency")
@IdClass(IdempotencyRecordEntity.Key.class)
public class IdempotencyRecordEntity {

    @Id
    @Column(name = "namespace", length = 255, nullable = false)
    private String namespace;

    @Id
    @Column(name = "client_id", length = 255, nullable = false)
    private String clientId;

    @Id
    @Column(name = "mutation_id", length = 255, nullable = false)
    private String mutationId;

    @Column(name = "request_hash", length = 64, nullable = false)
    private String requestHash;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "result")
    private String result;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** For Hibernate. */
    protected IdempotencyRecordEntity() {
    }

    /**
     * @param key         the idempotency key
     * @param requestHash the hash of the mutation's content
     * @param createdAt   when the first execution started
     */
    public IdempotencyRecordEntity(Key key, String requestHash, Instant createdAt) {
        this.namespace = key.namespace;
        this.clientId = key.clientId;
        this.mutationId = key.mutationId;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
    }

    /** @return the idempotency key */
    public Key key() {
        return new Key(namespace, clientId, mutationId);
    }

    /** @return the hash of the first execution's mutation */
    public String getRequestHash() {
        return requestHash;
    }

    /** @return the first execution's result as JSON text */
    public String getResult() {
        return result;
    }

    /** @return when the first execution started */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** @param result the result as JSON text */
    public void setResult(String result) {
        this.result = result;
    }

    /** The primary key: (namespace, clientId, mutationId). */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String namespace;
        private String clientId;
        private String mutationId;

        /** For Hibernate. */
        public Key() {
        }

        /**
         * @param namespace  the namespace
         * @param clientId   the client
         * @param mutationId the mutation
         */
        public Key(String namespace, String clientId, String mutationId) {
            this.namespace = namespace;
            this.clientId = clientId;
            this.mutationId = mutationId;
        }

        /** @return the namespace */
        public String namespace() {
            return namespace;
        }

        /** @return the client */
        public String clientId() {
            return clientId;
        }

        /** @return the mutation */
        public String mutationId() {
            return mutationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(namespace, k.namespace) && Objects.equals(clientId, k.clientId)
                    && Objects.equals(mutationId, k.mutationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(namespace, clientId, mutationId);
        }
    }
}
