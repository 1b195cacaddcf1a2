package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.DataFn;
import dev.datafn.db.QueryTask;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A query blocked in the database (another connection holds the table) is stopped by its caller's
 * cancel or by the statement timeout: the caller hears DFQL_ABORTED and the engine keeps serving.
 * Runs on PostgreSQL only: H2 offers no lock that makes a plain read wait.
 */
@ParameterizedClass(name = "[{0}]")
@EnumSource(names = "POSTGRESQL")
class CancellationTest extends AbstractEngineTest {

    private static final String QUERY = "{\"resource\": \"todos\", \"version\": 1, \"count\": true}";

    /** Holds the todos table so that reads of it wait, until closed. */
    private Connection blockReads() throws SQLException {
        Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE todos IN ACCESS EXCLUSIVE MODE");
        }
        return c;
    }

    private static void release(Connection c) throws SQLException {
        c.rollback();
        c.close();
    }

    @Test
    void cancellingStopsTheStatementAndFreesItsConnection() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("cancel");
        insertTodo(ns, "{\"title\": \"still here\"}");
        // One connection: if the cancelled statement kept it, the next query could not run.
        try (DataFn single = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database.withPoolSize(1))
                .queryTimeout(null).build()) {
            Connection blocker = blockReads();
            try {
                QueryTask task = single.startQuery(ns, json(QUERY));
                Thread.sleep(300);
                task.cancel();
                assertThatThrownBy(task::result).isInstanceOfSatisfying(DataFnException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DFQL_ABORTED));
                assertThat(single.query(ns, json("{\"resource\": \"projects\", \"version\": 1, \"count\": true}"))
                        .count()).isZero();
            } finally {
                release(blocker);
            }
            assertThat(single.query(ns, json(QUERY)).count()).isEqualTo(1);
        }
    }

    @Test
    void aCancelBeforeTheStatementStartsStopsIt() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("cancel-early");
        Connection blocker = blockReads();
        try {
            QueryTask task = datafn.startQuery(ns, json(QUERY));
            task.cancel();
            assertThatThrownBy(task::result).isInstanceOfSatisfying(DataFnException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DFQL_ABORTED));
            // Within a second the engine holds no statement waiting on the lock.
            assertThat(waitingStatements()).isZero();
        } finally {
            release(blocker);
        }
    }

    private int waitingStatements() throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                // Only this database: other databases on the server may be busy with their own locks.
                try (var rs = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                        + "and wait_event_type = 'Lock' and query like '%from todos%'")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return 0;
                    }
                }
                Thread.sleep(50);
            }
            return -1;
        }
    }

    @Test
    void theStatementTimeoutStopsAStuckQuery() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("timeout");
        try (DataFn impatient = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .queryTimeout(Duration.ofSeconds(1)).build()) {
            Connection blocker = blockReads();
            try {
                assertThatThrownBy(() -> impatient.query(ns, json(QUERY))).isInstanceOfSatisfying(
                        DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DFQL_ABORTED));
            } finally {
                release(blocker);
            }
            assertThat(impatient.query(ns, json(QUERY)).count()).isZero();
        }
    }
}
