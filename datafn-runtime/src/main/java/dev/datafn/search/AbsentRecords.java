package dev.datafn.search;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one namespace's catch-ups know about which records have no document in the index, so that a record
 * inserted since the last catch-up is added without first deleting a document it cannot have.
 *
 * <p>A catch-up of the changes in {@code (after, through]} indexes the records they name as their rows are
 * when it reads them, which may be as a change above {@code through} left them: a writer that stalls keeps
 * the settled seq below later commits. So a record whose first change in a range is its insert can still
 * have a document, when an earlier catch-up read its row after that insert committed. Those records are
 * remembered ({@link #read}) until a catch-up starts past every change that their rows could show: past the
 * highest seq committed when they were read. Until a catch-up has run to its end in this process, nothing is
 * known (the index on disk, or an indexing that failed half-way, may hold any record); after one, or after
 * the namespace was indexed anew, everything is known from the highest seq committed then on.
 */
final class AbsentRecords {

    /** Records remembered at most; past them the namespace counts as unknown until a catch-up passes them. */
    private static final int MOST_REMEMBERED = 100_000;

    /** Catch-ups starting at or after this seq may add; {@code Long.MAX_VALUE} while nothing is known. */
    private long knownFrom = Long.MAX_VALUE;
    /** The records ({@code resource/id}) whose documents may be ahead of the changes, and until which seq. */
    private final Map<String, Long> readAhead = new HashMap<>();

    /** @param after where a catch-up starts: forgets the records every change of which it is past */
    void starting(long after) {
        readAhead.values().removeIf(until -> until <= after);
    }

    /**
     * @param key            the record, {@code resource/id}
     * @param insertedFirst  whether its first change in the catch-up's range is its insert
     * @param after          where the catch-up starts
     * @return whether the record certainly has no document
     */
    boolean absent(String key, boolean insertedFirst, long after) {
        return insertedFirst && after >= knownFrom && !readAhead.containsKey(key);
    }

    /**
     * After a catch-up that ran to its end.
     *
     * @param keys      the records whose rows it read
     * @param through   where its range ended
     * @param committed the highest seq committed after it read them
     */
    void read(Set<String> keys, long through, long committed) {
        if (knownFrom == Long.MAX_VALUE) {
            knownFrom = committed;
        }
        if (committed <= through) {
            return;
        }
        if (readAhead.size() + keys.size() > MOST_REMEMBERED) {
            knownFrom = Math.max(knownFrom, committed);
            readAhead.clear();
            return;
        }
        keys.forEach(k -> readAhead.merge(k, committed, Math::max));
    }

    /** @param committed the highest seq committed after the namespace's rows were all read again */
    void indexedAnew(long committed) {
        knownFrom = knownFrom == Long.MAX_VALUE ? committed : Math.max(knownFrom, committed);
        readAhead.clear();
    }

    /** After an indexing that failed: the index may hold part of what it wrote. */
    void unknown() {
        knownFrom = Long.MAX_VALUE;
        readAhead.clear();
    }
}
