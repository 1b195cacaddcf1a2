package dev.datafn.testing;

import dev.datafn.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * How many sessions of a database wait for a lock another session holds, as the database itself reports
 * it: for tests that must act only once a transaction is blocked behind another.
 */
public final class LockWaits {

    private LockWaits() {
    }

    /**
     * @param database the database
     * @return the sessions waiting for a lock, in this database only
     */
    public static long count(Database database) {
        String sql = database.jdbcUrl().startsWith("jdbc:h2:")
                // H2 does not always name the blocker of a row-lock wait; a session still executing an
                // insert while another holds the row it conflicts with is waiting for that lock.
                ? "select count(*) from information_schema.sessions where blocker_id is not null "
                        + "or (session_id <> session_id() and lower(executing_statement) like 'insert %')"
                : "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                        + "where not l.granted and a.datname = current_database()";
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until a condition holds, checking it every 10 ms; fails after 30 s rather than hang a build.
     *
     * @param what      the condition, for the failure message
     * @param condition the condition
     */
    public static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not true after 30 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
