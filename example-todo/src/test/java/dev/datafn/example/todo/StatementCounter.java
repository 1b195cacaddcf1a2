package dev.datafn.example.todo;

import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, so tests can prove a page costs a fixed number. */
final class StatementCounter implements StatementInspector {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger statements = new AtomicInteger();
    private final java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public String inspect(String sql) {
        statements.incrementAndGet();
        seen.add(sql);
        return sql;
    }

    /** @return the statements prepared since the last call, and forgets them */
    java.util.List<String> drain() {
        synchronized (seen) {
            java.util.List<String> out = java.util.List.copyOf(seen);
            seen.clear();
            statements.set(0);
            return out;
        }
    }

    int reset() {
        seen.clear();
        return statements.getAndSet(0);
    }
}
