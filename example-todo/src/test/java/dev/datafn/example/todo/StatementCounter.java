package dev.datafn.example.todo;

import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, so tests can prove a page costs a fixed number. */
final class StatementCounter implements StatementInspector {

    private static final long serialVersionUID = 1L;

    private final AtomicInteger statements = new AtomicInteger();

    @Override
    public String inspect(String sql) {
        statements.incrementAndGet();
        return sql;
    }

    int reset() {
        return statements.getAndSet(0);
    }
}
