package dev.datafn.example.todo;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate prepares, so tests can prove a page or a write costs a fixed number;
 * the search index's background thread, which reads after writes commit, is counted apart.
 */
final class StatementCounter implements StatementInspector {

    private static final long serialVersionUID = 1L;

    /** A statement and the thread that prepared it. */
    private record Seen(String thread, String sql) {
    }

    private final List<Seen> seen = new ArrayList<>();

    @Override
    public String inspect(String sql) {
        synchronized (seen) {
            seen.add(new Seen(Thread.currentThread().getName(), sql));
        }
        return sql;
    }

    /** The thread that keeps the search index in step with writes, after they commit. */
    static final String INDEXER = "datafn-search-indexer";

    /** @return the statements prepared since the last call, but the search indexer's, and forgets them */
    List<String> drain() {
        synchronized (seen) {
            List<String> out = seen.stream().filter(s -> !s.thread().equals(INDEXER)).map(Seen::sql).toList();
            seen.removeIf(s -> !s.thread().equals(INDEXER));
            return out;
        }
    }

    /**
     * @param thread a thread's name
     * @return the statements that thread prepared since the last call, and forgets them
     */
    List<String> drain(String thread) {
        synchronized (seen) {
            List<String> out = seen.stream().filter(s -> s.thread().equals(thread)).map(Seen::sql).toList();
            seen.removeIf(s -> s.thread().equals(thread));
            return out;
        }
    }

    /** @return how many statements {@link #drain} would return, forgetting them */
    int reset() {
        return drain().size();
    }
}
