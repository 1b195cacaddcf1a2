package dev.datafn.sequence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A namespace's last issued serverSeq, in the database sequence store. */
@Entity
@Table(name = "datafn_sequences")
public class SequenceCounterEntity {

    @Id
    @Column(name = "namespace", length = 255, nullable = false)
    private String namespace;

    @Column(name = "last_value", nullable = false)
    private long lastValue;

    /** For Hibernate. */
    protected SequenceCounterEntity() {
    }

    /** @param namespace the namespace, starting at 0 */
    public SequenceCounterEntity(String namespace) {
        this.namespace = namespace;
    }

    /** @return the namespace */
    public String getNamespace() {
        return namespace;
    }

    /** @return the last issued value */
    public long getLastValue() {
        return lastValue;
    }

    /** @param lastValue the last issued value */
    public void setLastValue(long lastValue) {
        this.lastValue = lastValue;
    }
}
