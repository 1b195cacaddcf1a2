package dev.datafn.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.datafn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every pooled connection carries the statement timeout as its own session setting, so a statement that no
 * code path gave a timeout, however it runs long, is stopped by the database itself and its connection goes
 * back to the pool: H2 counting through a huge range (which checks for cancellation row by row, as any long
 * H2 scan does), PostgreSQL sleeping.
 */
class PooledStatementTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(TestDatabase.class)
    void aLongStatementWithoutATimeoutOfItsOwnIsStoppedByTheSessions(TestDatabase testDatabase) throws Exception {
        Database database = testDatabase.open();
        String endless = database.isPostgres() ? "select pg_sleep(3600)"
                : "select count(*) from system_range(1, 9000000000000000000) where mod(x, 7) = 3";
        try (HikariDataSource pool = StoreSetup.pool(database, TIMEOUT)) {
            for (int round = 0; round < 3; round++) {
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.executeQuery(endless)).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                    .as("cancelled by the statement timeout").isEqualTo("57014"));
                    connection.rollback();
                }
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            }
        }
    }
}
