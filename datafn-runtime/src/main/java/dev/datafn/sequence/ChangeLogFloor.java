package dev.datafn.sequence;

import dev.datafn.changelog.ChangeLog;
import dev.datafn.db.DataStore;
import dev.datafn.schema.Namespace;

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
    long highestSeq(Namespace namespace) {
        return store.inReadOnlyTransaction(namespace, s -> {
            SequenceCounterEntity counter = s.find(SequenceCounterEntity.class, namespace.value());
            return Math.max(ChangeLog.highestSeq(s, namespace), counter == null ? 0 : counter.getLastValue());
        });
    }
}
