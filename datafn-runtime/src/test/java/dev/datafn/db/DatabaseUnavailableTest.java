package dev.datafn.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures {@link DatabaseUnavailable} takes for the database out of reach (answered 503, to retry) and
 * which for a fault of the request or the server (answered as before); the chaos suites try the real outages.
 */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAndServerShutdownsAnywhereInTheChainAreTheDatabaseOutOfReach() {
        assertThat(DatabaseUnavailable.causedBy(new SQLTransientConnectionException("datafn - Connection is not "
                + "available, request timed out after 1000ms"))).as("the pool's connection timeout").isTrue();
        for (String state : new String[] {"08001", "08003", "08006", "57P01", "57P02", "57P03"}) {
            assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("wrapped",
                    new RuntimeException(new SQLException("gone", state))))).as(state).isTrue();
        }
        assertThat(DatabaseUnavailable.causedBy(new org.hibernate.exception.JDBCConnectionException("gone",
                new SQLException("I/O error")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        for (String state : new String[] {"23505", "40001", "57014", "42P01", null}) {
            assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("refused", state))))
                    .as(String.valueOf(state)).isFalse();
        }
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.refusal().code()).isEqualTo(dev.datafn.error.ErrorCode.SERVICE_UNAVAILABLE);
    }
}
