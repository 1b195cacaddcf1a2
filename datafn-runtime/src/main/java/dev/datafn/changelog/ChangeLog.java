package dev.datafn.changelog;

import dev.datafn.db.DataStore;
import dev.datafn.schema.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.query.SelectionQuery;

/**
 * The change log, the one place that reads and writes its tables: each namespace's changes in serverSeq
 * order, and how far the log was pruned. Sync reads it; the write path appends to it; sequence stores ask
 * it for the highest seq ever logged.
 *
 * <p>The guarantee it serves, "pull never skips a committed change", is kept by who issues the seqs
 * (see {@code dev.datafn.sequence.SequenceStore}): this class only stores and reads what it is given.
 */
public final class ChangeLog {

    /** The tables the change log owns, for the engine to map. */
    public static final List<Class<?>> ENTITIES = List.of(ChangeRecordEntity.class, ChangeLogHorizonEntity.class);

    private final Supplier<Instant> clock;

    /** @param clock the server clock, for each change's time */
    public ChangeLog(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /**
     * Logs changes in the session's transaction with the seqs reserved for them, which end at
     * {@code lastSeq}. The records are inserted at once, in one JDBC batch, through a stateless session on
     * the same connection: a change record is written once and never changed, so it has no business in
     * the persistence context, where every later flush of the transaction would dirty-check it again.
     *
     * @param session   the writing transaction's session
     * @param namespace the namespace
     * @param lastSeq   the last seq reserved; the changes take {@code lastSeq - changes.size() + 1} onwards
     * @param changes   the changes, in order
     * @throws org.hibernate.exception.ConstraintViolationException when a seq is already logged
     */
    public void append(Session session, Namespace namespace, long lastSeq, List<Change> changes) {
        long seq = lastSeq - changes.size();
        Instant now = clock.get();
        List<ChangeRecordEntity> records = new ArrayList<>(changes.size());
        for (Change change : changes) {
            seq++;
            records.add(new ChangeRecordEntity(namespace.value(), seq, change, now));
        }
        try (StatelessSession log = DataStore.statelessBeside(session)) {
            log.insertMultiple(records);
        }
    }

    /** One logged change, as sync reads it. */
    public record Entry(long serverSeq, String recordId, String operation, String data) {
    }

    /**
     * Reads a table's changes by the (namespace, resource, serverSeq) index.
     *
     * @param session   a session
     * @param namespace the namespace
     * @param resource  the table
     * @param after     the cursor: changes above it
     * @param through   the highest seq to read (the sequence store's settled seq)
     * @param limit     the most entries
     * @return the table's changes in ({@code after}, {@code through}], in serverSeq order
     */
    public static List<Entry> read(Session session, Namespace namespace, String resource, long after, long through,
            int limit) {
        return session.createSelectionQuery("select c.serverSeq, c.recordId, c.operation, c.data "
                + "from ChangeRecordEntity c where c.namespace = :namespace and c.resource = :resource "
                + "and c.serverSeq > :after and c.serverSeq <= :through order by c.serverSeq", Entry.class)
                .setParameter("namespace", namespace.value())
                .setParameter("resource", resource)
                .setParameter("after", after)
                .setParameter("through", through)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * @param session   a session
     * @param namespace the namespace
     * @param resource  the resource
     * @param recordId  the record id
     * @return the serverSeq of the record's latest logged change, 0 when it has none
     */
    public static long latestSeq(Session session, Namespace namespace, String resource, String recordId) {
        Long seq = session.createSelectionQuery("select max(c.serverSeq) from ChangeRecordEntity c "
                + "where c.namespace = :namespace and c.resource = :resource and c.recordId = :recordId", Long.class)
                .setParameter("namespace", namespace.value())
                .setParameter("resource", resource)
                .setParameter("recordId", recordId)
                .getSingleResult();
        return seq == null ? 0 : seq;
    }

    /**
     * @param session   a session
     * @param namespace the namespace
     * @return the highest seq pruned from the namespace's log; 0 when nothing was
     */
    public static long prunedThrough(Session session, Namespace namespace) {
        ChangeLogHorizonEntity horizon = session.find(ChangeLogHorizonEntity.class, namespace.value());
        return horizon == null ? 0 : horizon.getPrunedThrough();
    }

    /**
     * @param session   a session
     * @param namespace the namespace
     * @return the highest seq the namespace's log holds or has pruned; 0 when it never logged a change
     */
    public static long highestSeq(Session session, Namespace namespace) {
        Long logged = session.createSelectionQuery("select max(c.serverSeq) from ChangeRecordEntity c "
                + "where c.namespace = :namespace", Long.class)
                .setParameter("namespace", namespace.value())
                .getSingleResult();
        return Math.max(logged == null ? 0 : logged, prunedThrough(session, namespace));
    }

    /**
     * An HQL condition that holds for a row of a table with no change logged above a seq, for reading rows
     * as they were at that seq. Bind its parameters with {@link #bindUnchangedAfter}.
     *
     * @param rowAlias the alias of the table's entity in the query
     * @return the condition
     */
    public static String unchangedAfter(String rowAlias) {
        return "not exists (select 1 from ChangeRecordEntity c where c.namespace = :changeLogNamespace"
                + " and c.resource = :changeLogResource and c.recordId = " + rowAlias + ".id"
                + " and c.serverSeq > :changeLogSeq)";
    }

    /**
     * @param query     a query using {@link #unchangedAfter}
     * @param namespace the namespace
     * @param resource  the table
     * @param seq       the seq no change may be above
     */
    public static void bindUnchangedAfter(SelectionQuery<?> query, Namespace namespace, String resource, long seq) {
        query.setParameter("changeLogNamespace", namespace.value())
                .setParameter("changeLogResource", resource)
                .setParameter("changeLogSeq", seq);
    }
}
