package dev.datafn.example.todo;

import dev.datafn.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIf;

/** The black-box HTTP suite against the example on PostgreSQL. */
@EnabledIf("dev.datafn.testing.TestDatabases#postgresConfigured")
class HttpOnPostgresTest extends AbstractHttpTest {
    @Override
    protected Map<String, String> databaseConfig() {
        var db = TestDatabases.postgres();
        return Map.of("datafn.db.url", db.jdbcUrl(), "datafn.db.user", db.user(), "datafn.db.password", db.password());
    }
}
