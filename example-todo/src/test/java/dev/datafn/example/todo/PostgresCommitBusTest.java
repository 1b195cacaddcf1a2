package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.db.Database;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.PostgresCommitBus;
import dev.datafn.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL {@code LISTEN/NOTIFY} bus between two engines over the configured PostgreSQL server (skipped
 * without one); the server cuts the bus's connections with {@code pg_terminate_backend} and shows them in
 * {@code pg_stat_activity} by their {@code application_name}.
 */
class PostgresCommitBusTest extends AbstractCommitBusTest {

    private Database database;

    @Override
    Database sharedDatabase() {
        Assumptions.assumeTrue(TestDatabases.postgresConfigured(), "PostgreSQL not configured: set -Ddatafn.test.pg.url");
        database = TestDatabases.postgres();
        return database;
    }

    @Override
    CommitBus openBus(Set<String> everyResource) {
        return new PostgresCommitBus(database, everyResource);
    }

    @Override
    int cutConnections(CommitBus bus) throws SQLException {
        return count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name = ?", name(bus));
    }

    @Override
    int connectionsOf(CommitBus bus) throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?",
                name(bus));
    }

    @Override
    void sendRaw(String payload) throws SQLException {
        count("SELECT count(pg_notify('" + PostgresCommitBus.DEFAULT_CHANNEL + "', ?))", payload);
    }

    @Test
    void refusesADatabaseThatIsNotPostgresql() {
        Database h2 = TestDatabases.h2();
        assertThatThrownBy(() -> new PostgresCommitBus(h2, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a PostgreSQL database");
    }

    @Test
    void refusesAChannelThatIsNoPlainIdentifier() {
        assertThatThrownBy(() -> new PostgresCommitBus(database, "commits; DROP TABLE todos", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case SQL identifier");
    }

    private static String name(CommitBus bus) {
        return ((PostgresCommitBus) bus).applicationName();
    }

    private int count(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
