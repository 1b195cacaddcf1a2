package dev.datafn.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.datafn.changelog.ChangeLog;
import dev.datafn.db.ColumnRows;
import dev.datafn.db.ColumnScan;
import dev.datafn.db.DataStore;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.timing.Phases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One streamed clone answer: its rows are read on a thread of their own, a few chunks ahead of the thread that
 * writes them to the client, so the database connection is never held at the client's reading speed.
 *
 * <p>While the client keeps up, the reader reads every table in one snapshot transaction, one query per table and
 * per many-many relation, as {@link ColumnScan} does. When the writer has not taken a chunk for {@link #STALL}
 * (the client stopped reading, or reads slowly), the reader ends its transaction, giving its connection back to
 * the pool, and waits without one; once the writer takes the chunk, it goes on in a new transaction from the last
 * id it read. Rows read after the first transaction follow the paged clone's rule: a row changed after the
 * clone's settled seq S is left out, and the pull from S brings it, so every row still comes exactly once.
 */
final class StreamedClone {

    /** How long the reader waits for the writer before it lets go of its connection. */
    static final Duration STALL = Duration.ofSeconds(1);
    /** Chunks read ahead of the writer: enough to keep a fast client's writes and the reads overlapping. */
    private static final int AHEAD = 4;

    private final DataStore store;
    private final SequenceStore sequences;
    private final Namespace namespace;
    private final List<ResourceSchema> tables;
    private final Function<ResourceSchema, ColumnRows> readable;
    private final int chunkRows;

    /** What the reader hands the writer, in order: the settled seq first, then chunks, then the end or a failure. */
    private sealed interface Item permits Settled, Chunk, End, Failed {
    }

    private record Settled(long seq) implements Item {
    }

    /** Rows of one table; {@code last} when the table has no more. */
    private record Chunk(int table, List<Object[]> rows, boolean last) implements Item {
    }

    private record End() implements Item {
    }

    private record Failed(RuntimeException failure) implements Item {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(AHEAD);
    /** Set by the writer when it stops early: the reader then stops at its next step. */
    private volatile boolean abandoned;

    /**
     * @param store     the database
     * @param sequences the sequence store
     * @param namespace the caller's namespace
     * @param tables    the tables, in the answer's order
     * @param readable  the fields the caller may read of a table
     * @param chunkRows rows read and written at a time
     */
    StreamedClone(DataStore store, SequenceStore sequences, Namespace namespace, List<ResourceSchema> tables,
            Function<ResourceSchema, ColumnRows> readable, int chunkRows) {
        this.store = store;
        this.sequences = sequences;
        this.namespace = namespace;
        this.tables = tables;
        this.readable = readable;
        this.chunkRows = chunkRows;
    }

    /**
     * Writes the whole answer, the envelope included.
     *
     * @param out the generator, at the start of the response body
     */
    void write(JsonGenerator out) {
        // Started from this thread, the reader shares its request's read cancellation and answer budget.
        Thread reader = Thread.ofVirtual().name("datafn-clone-reader").start(this::read);
        try {
            long settled = ((Settled) next()).seq();
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeObjectFieldStart("result");
            out.writeBooleanField("ok", true);
            out.writeObjectFieldStart("data");
            int open = -1;
            for (Item item = next(); !(item instanceof End); item = next()) {
                Chunk chunk = (Chunk) item;
                if (chunk.table() != open) {
                    out.writeArrayFieldStart(tables.get(chunk.table()).name());
                    open = chunk.table();
                }
                ColumnRows rows = readable.apply(tables.get(chunk.table()));
                for (Object[] row : chunk.rows()) {
                    rows.write(out, row);
                }
                if (chunk.last()) {
                    out.writeEndArray();
                } else {
                    out.flush();
                }
            }
            out.writeEndObject();
            out.writeObjectFieldStart("cursors");
            for (ResourceSchema t : tables) {
                out.writeStringField(t.name(), SyncCursors.format(settled));
            }
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            abandoned = true;
            // Not interrupted: an interrupt inside a JDBC call can close an H2 file. The reader stops at its next
            // step; a statement in flight ends by itself or by the request's read cancellation.
            queue.clear();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the reader's next item; its failure thrown here, on the request's thread */
    private Item next() {
        long waiting = Phases.mark();
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming a clone", e);
        }
        // The writer's wait for rows is the clone's read time as the request sees it.
        Phases.add("execute", waiting);
        if (item instanceof Failed failed) {
            throw failed.failure();
        }
        return item;
    }

    /** The reader: snapshot transactions, each as long as the writer keeps up. */
    private void read() {
        try {
            Position at = new Position(0, null);
            long settled = -1;
            while (at != null && !abandoned) {
                boolean first = settled < 0;
                long[] seq = {settled};
                Position from = at;
                Handover handover = store.inSnapshot(namespace, session -> {
                    if (first) {
                        seq[0] = sequences.settled(session, namespace);
                        hand(new Settled(seq[0]));
                    }
                    // Only the snapshot S was read in holds no change above S; later ones leave such rows to the pull.
                    boolean exact = first && sequences.settledMatchesSnapshot();
                    return readTables(session, from, seq[0], exact);
                });
                settled = seq[0];
                if (handover == null) {
                    break;
                }
                // Waits for the writer with no connection held.
                if (!handBlocking(handover.chunk())) {
                    return;
                }
                at = handover.next();
            }
            if (!abandoned) {
                handBlocking(new End());
            }
        } catch (RuntimeException e) {
            handBlocking(new Failed(e));
        }
    }

    /** Where reading goes on: a table, and the last id read of it (or {@code null} for its start). */
    private record Position(int table, String afterId) {
    }

    /** A chunk the writer did not take in time, and where reading goes on after it ({@code null}: done). */
    private record Handover(Chunk chunk, Position next) {
    }

    /** @return {@code null} once every table is read and handed over; else the chunk to hand over outside */
    private Handover readTables(org.hibernate.Session session, Position from, long settled, boolean exact) {
        String after = from.afterId();
        for (int table = from.table(); table < tables.size(); table++, after = null) {
            ResourceSchema resource = tables.get(table);
            ColumnRows rows = readable.apply(resource);
            StringBuilder where = new StringBuilder(after == null ? "1 = 1" : "e.id > :cloneAfter");
            if (!exact) {
                where.append(" and ").append(ChangeLog.unchangedAfter("e"));
            }
            String afterId = after;
            try (ColumnScan scan = rows.scan(session, where.toString(), query -> {
                if (afterId != null) {
                    query.setParameter("cloneAfter", afterId);
                }
                if (!exact) {
                    ChangeLog.bindUnchangedAfter(query, namespace, resource.name(), settled);
                }
            }, chunkRows)) {
                while (true) {
                    store.requireRunning();
                    if (abandoned) {
                        return null;
                    }
                    List<Object[]> found = scan.next(chunkRows);
                    boolean last = found.size() < chunkRows;
                    Chunk chunk = new Chunk(table, found, last);
                    if (!handWithin(chunk)) {
                        Position next = last ? (table + 1 < tables.size() ? new Position(table + 1, null) : null)
                                : new Position(table, ColumnRows.id(found.getLast()));
                        return new Handover(chunk, next);
                    }
                    if (last) {
                        break;
                    }
                }
            }
        }
        return null;
    }

    private void hand(Item item) {
        if (!handWithin(item)) {
            handBlocking(item);
        }
    }

    /** @return whether the writer took room for the item within {@link #STALL} */
    private boolean handWithin(Item item) {
        try {
            return queue.offer(item, STALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a clone", e);
        }
    }

    /** @return whether the item was handed over; {@code false} when the writer stopped first */
    private boolean handBlocking(Item item) {
        while (!abandoned) {
            if (handWithin(item)) {
                return true;
            }
        }
        return false;
    }
}
