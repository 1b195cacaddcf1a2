package dev.datafn.mutation.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The result column of an idempotency record ({@link IdempotencyRecordEntity}'s table), mapped on its own: the
 * result is known only once the serverSeqs are taken, after the record was inserted, and an update through
 * this mapping writes that column alone with one static statement, so a whole batch of results goes to the
 * database as one JDBC batch. (An update of only the changed columns of the full record is built per entity
 * and is never batched.)
 */
@Entity
@Table(name = "datafn_idempotency")
@IdClass(IdempotencyRecordEntity.Key.class)
public class IdempotencyResultEntity {

    @Id
    @Column(name = "namespace", length = 255, nullable = false)
    private String namespace;

    @Id
    @Column(name = "client_id", length = 255, nullable = false)
    private String clientId;

    @Id
    @Column(name = "mutation_id", length = 255, nullable = false)
    private String mutationId;

    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(name = "result")
    private String result;

    /** For Hibernate. */
    protected IdempotencyResultEntity() {
    }

    /**
     * @param key    the idempotency key of a stored record
     * @param result the result to store, as JSON text
     */
    public IdempotencyResultEntity(IdempotencyRecordEntity.Key key, String result) {
        this.namespace = key.namespace();
        this.clientId = key.clientId();
        this.mutationId = key.mutationId();
        this.result = result;
    }

    /** @return the result as JSON text */
    public String getResult() {
        return result;
    }
}
