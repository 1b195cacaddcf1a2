package dev.datafn.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * A table's rows read in one pass, in id order, each with its many-many id lists: one query streams the
 * rows, and one per many-many relation streams the links of the same rows in the same order, walked side
 * by side with it. A whole table costs as many statements as it has many-many relations plus one, each
 * translated once, whatever its size; the database sends rows a fetch at a time, so memory holds a fetch,
 * never the table.
 *
 * <p>The link queries join the rows' entity under the same condition, so every link they give belongs to
 * a row the row query gives; both are ordered by the row id, so a row's links are the run of links whose
 * owner equals its id, found by equality alone, in the database's own order.
 */
public final class ColumnScan implements AutoCloseable {

    private final ColumnRows rows;
    private final ScrollableResults<Object[]> records;
    private final List<LinkStream> links;

    private ColumnScan(ColumnRows rows, ScrollableResults<Object[]> records, List<LinkStream> links) {
        this.rows = rows;
        this.records = records;
        this.links = links;
    }

    /**
     * Starts reading.
     *
     * @param session   a session in the rows' namespace, in the transaction whose snapshot is read
     * @param rows      the fields to read
     * @param where     an HQL condition on the rows, with the entity aliased {@code e} ({@code 1 = 1} for all)
     * @param bind      binds the condition's parameters on each query
     * @param fetchSize the rows the database sends at a time
     * @return the scan, positioned before the first row
     */
    static ColumnScan open(Session session, ColumnRows rows, String where, Consumer<SelectionQuery<?>> bind,
            int fetchSize) {
        List<LinkStream> links = new ArrayList<>();
        ScrollableResults<Object[]> records = null;
        try {
            records = scroll(session.createSelectionQuery(rows.select("e") + " where " + where + " order by e.id",
                    Object[].class), bind, fetchSize);
            for (String hql : rows.linkSelects("e", where)) {
                links.add(new LinkStream(hql == null ? null
                        : scroll(session.createSelectionQuery(hql, Object[].class), bind, fetchSize)));
            }
            return new ColumnScan(rows, records, links);
        } catch (RuntimeException e) {
            links.forEach(LinkStream::close);
            if (records != null) {
                records.close();
            }
            throw e;
        }
    }

    private static ScrollableResults<Object[]> scroll(SelectionQuery<Object[]> query,
            Consumer<SelectionQuery<?>> bind, int fetchSize) {
        bind.accept(query);
        return query.setFetchSize(fetchSize).scroll(ScrollMode.FORWARD_ONLY);
    }

    /**
     * Reads the next rows.
     *
     * @param max the most rows to read
     * @return up to {@code max} rows, each as {@link ColumnRows#write} takes it (its id lists included);
     *     fewer only at the end of the table
     */
    public List<Object[]> next(int max) {
        List<Object[]> chunk = new ArrayList<>(max);
        while (chunk.size() < max && records.next()) {
            Object[] row = rows.prepared(records.get());
            String id = ColumnRows.id(row);
            for (int i = 0; i < links.size(); i++) {
                rows.setLinks(row, i, links.get(i).targetsOf(id));
            }
            chunk.add(row);
        }
        return chunk;
    }

    /** Closes the queries' results. */
    @Override
    public void close() {
        try {
            links.forEach(LinkStream::close);
        } finally {
            records.close();
        }
    }

    /** The links of one many-many relation, owner by owner in row order, with the next one read ahead. */
    private static final class LinkStream {
        /** The links, or {@code null} for an id list without a link table: every owner has none. */
        private final ScrollableResults<Object[]> pairs;
        /** The next link not yet given: (owner id, target id), or {@code null} past the last. */
        private Object[] next;
        private boolean started;

        LinkStream(ScrollableResults<Object[]> pairs) {
            this.pairs = pairs;
        }

        /** @return the targets of the owner, in target order; the owner is the next row in id order */
        List<String> targetsOf(String owner) {
            if (pairs == null) {
                return List.of();
            }
            if (!started) {
                started = true;
                advance();
            }
            if (next == null || !owner.equals(next[0])) {
                return List.of();
            }
            List<String> targets = new ArrayList<>(4);
            while (next != null && owner.equals(next[0])) {
                targets.add((String) next[1]);
                advance();
            }
            return targets;
        }

        private void advance() {
            next = pairs.next() ? pairs.get() : null;
        }

        void close() {
            if (pairs != null) {
                pairs.close();
            }
        }
    }
}
