package dev.datafn.changelog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a namespace's change log has been pruned: every change up to {@code prunedThrough} is gone,
 * so a sync cursor below it cannot be served by pull and its client must clone again.
 */
@Entity
@Table(name = "datafn_change_horizon")
public class ChangeLogHorizonEntity {

    @Id
    @Column(name = "namespace", length = 255, nullable = false)
    private String namespace;

    @Column(name = "pruned_through", nullable = false)
    private long prunedThrough;

    /** For Hibernate. */
    protected ChangeLogHorizonEntity() {
    }

    /**
     * @param namespace     the namespace
     * @param prunedThrough the highest serverSeq pruned
     */
    public ChangeLogHorizonEntity(String namespace, long prunedThrough) {
        this.namespace = namespace;
        this.prunedThrough = prunedThrough;
    }

    /** @return the highest serverSeq pruned; every lower one is gone too */
    public long getPrunedThrough() {
        return prunedThrough;
    }

    /** @param prunedThrough the highest serverSeq pruned */
    public void setPrunedThrough(long prunedThrough) {
        this.prunedThrough = prunedThrough;
    }
}
