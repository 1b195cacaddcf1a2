package dev.datafn.changelog;

import dev.datafn.schema.Namespace;
import dev.datafn.db.DataStore;
import java.time.Instant;
import java.util.List;

/**
 * Deletes change records past their retention, a namespace at a time, and remembers how far each
 * namespace's log was pruned ({@link ChangeLogHorizonEntity}), so that pull refuses a cursor below it
 * instead of handing its client a silent gap.
 *
 * <p>A namespace's log is pruned from the start up to its last change older than the cutoff: what
 * stays is always every change after some seq, which is what a cursor needs.
 */
public final class ChangeLogPruner {

    private final DataStore store;

    /** @param store the database */
    public ChangeLogPruner(DataStore store) {
        this.store = store;
    }

    /**
     * @param cutoff change records created before it go
     * @return how many change records were deleted
     */
    public int prune(Instant cutoff) {
        List<Object[]> expired = store.inMaintenanceTransaction(Namespace.DEFAULT, s -> s.createSelectionQuery(
                "select c.namespace, max(c.serverSeq) from ChangeRecordEntity c where c.createdAt < :cutoff "
                        + "group by c.namespace", Object[].class)
                .setParameter("cutoff", cutoff)
                .getResultList());
        int deleted = 0;
        for (Object[] row : expired) {
            deleted += pruneThrough(Namespace.of((String) row[0]), (Long) row[1]);
        }
        return deleted;
    }

    /** Deletes a namespace's changes up to a seq and records the new horizon, in one transaction. */
    private int pruneThrough(Namespace namespace, long seq) {
        return store.inMaintenanceTransaction(namespace, s -> {
            ChangeLogHorizonEntity horizon = s.find(ChangeLogHorizonEntity.class, namespace.value(),
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (horizon == null) {
                s.persist(new ChangeLogHorizonEntity(namespace.value(), seq));
            } else if (horizon.getPrunedThrough() < seq) {
                horizon.setPrunedThrough(seq);
            }
            return s.createMutationQuery("delete from ChangeRecordEntity c where c.namespace = :namespace "
                    + "and c.serverSeq <= :seq")
                    .setParameter("namespace", namespace.value())
                    .setParameter("seq", seq)
                    .executeUpdate();
        });
    }
}
