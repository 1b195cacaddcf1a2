package dev.datafn.example.todo;

import java.util.Map;
import java.util.UUID;

/** The black-box HTTP suite against the example on embedded H2. */
class HttpOnH2Test extends AbstractHttpTest {
    @Override
    protected Map<String, String> databaseConfig() {
        return Map.of("datafn.db.url", "jdbc:h2:mem:http_" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
    }
}
