package dev.datafn.sequence;

import dev.datafn.changelog.ChangeLogHorizonEntity;
import dev.datafn.db.DataStore;

/**
 * The highest serverSeq a namespace has ever used, as the database knows it: a store that keeps its
 * counters elsewhere starts (or restarts, after losing them) above it, so seqs never repeat.
 */
final class ChangeLogFloor {

    private final DataStore store;

    ChangeLogFloor(DataStore store) {
        this.store = store;
    }

    /** @return the highest seq in the change log, its pruned horizon, or a database counter, whichever is highest */
    long highestSeq(String namespace) {
        return store.inReadOnlyTransaction(namespace, s -> {
            Long logged = s.createSelectionQuery("select max(c.serverSeq) from ChangeRecordEntity c "
                    + "where c.namespace = :namespace", Long.class)
                    .setParameter("namespace", namespace)
                    .getSingleResult();
            ChangeLogHorizonEntity horizon = s.find(ChangeLogHorizonEntity.class, namespace);
            SequenceCounterEntity counter = s.find(SequenceCounterEntity.class, namespace);
            long highest = logged == null ? 0 : logged;
            highest = Math.max(highest, horizon == null ? 0 : horizon.getPrunedThrough());
            return Math.max(highest, counter == null ? 0 : counter.getLastValue());
        });
    }
}
