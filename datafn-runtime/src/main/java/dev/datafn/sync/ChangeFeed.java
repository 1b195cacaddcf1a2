package dev.datafn.sync;

import dev.datafn.changelog.ChangeLogHorizonEntity;
import java.util.List;
import org.hibernate.Session;

/** Reads a namespace's change log for sync, by the (namespace, resource, serverSeq) index. */
final class ChangeFeed {

    /** One logged change, as pull needs it. */
    record Entry(long serverSeq, String recordId, String operation, String data) {
    }

    private ChangeFeed() {
    }

    /**
     * @param after   the cursor: changes above it
     * @param through the highest seq to read (the store's settled seq)
     * @param limit   the most entries
     * @return the table's changes in ({@code after}, {@code through}], in serverSeq order
     */
    static List<Entry> read(Session session, String namespace, String resource, long after, long through, int limit) {
        return session.createSelectionQuery("select c.serverSeq, c.recordId, c.operation, c.data "
                + "from ChangeRecordEntity c where c.namespace = :namespace and c.resource = :resource "
                + "and c.serverSeq > :after and c.serverSeq <= :through order by c.serverSeq", Entry.class)
                .setParameter("namespace", namespace)
                .setParameter("resource", resource)
                .setParameter("after", after)
                .setParameter("through", through)
                .setMaxResults(limit)
                .getResultList();
    }

    /** @return the highest seq pruned from the namespace's log; 0 when nothing was */
    static long prunedThrough(Session session, String namespace) {
        ChangeLogHorizonEntity horizon = session.find(ChangeLogHorizonEntity.class, namespace);
        return horizon == null ? 0 : horizon.getPrunedThrough();
    }
}
