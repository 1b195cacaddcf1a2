package dev.datafn.example.todo;

import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What suites of signed-in callers share: the example's engine served over real HTTP on the run's database,
 * callers authenticated by bearer tokens of a fresh secret, each test's user in a namespace of its own. A
 * suite runs once per database ({@link OnEveryDatabase}) and may change the HTTP service ({@link #http}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJwtServedTest {

    /** Signs and checks the suite's tokens. */
    protected final JwtAuthenticator jwt = ServedEngine.freshJwt();
    /** The engine and its server, for the current database. */
    protected ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void startServer() {
        served = ServedEngine.start(testDatabase.open(), b -> b, datafn -> http(DataFnHttp.builder(datafn).authenticate(jwt))
                .build());
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    /** @param http the service's builder, with the suite's authenticator @return it with the suite's settings */
    protected DataFnHttp.Builder http(DataFnHttp.Builder http) {
        return http;
    }

    /** @return a token of a user of their own, with the example's admin claim (projects are admins' to write) */
    protected String newUser() {
        return jwt.issue("u-" + UUID.randomUUID(), null, Duration.ofHours(1), Map.of("admin", true));
    }
}
