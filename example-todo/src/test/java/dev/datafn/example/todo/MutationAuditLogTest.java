package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/** The example's audit plugin, served over HTTP: one line per committed mutation, without its contents. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class MutationAuditLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private ServedEngine served;

    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = ServedEngine.start(testDatabase.open(), b -> b.plugins(new MutationAuditLog(lines::add)),
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void eachCommittedMutationIsOneLineNamingWhoDidWhatButNotTheContents() {
        String user = "audited-" + UUID.randomUUID();
        String token = jwt.issue(user, null, Duration.ofHours(1));
        String insert = """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "m1",
                 "record": {"id": "a1", "title": "a secret plan"}}""";
        served.send(token, "POST", "/mutation", insert).assertOk();
        served.send(token, "POST", "/mutation", insert).assertOk();
        served.send(token, "POST", "/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "a2"}}""");

        String ns = MutationAuditLog.hash(Namespace.user(user).value());
        List<String> mine = lines.stream().filter(l -> l.contains(" ns=" + ns + " ")).toList();
        assertThat(mine).containsExactly(
                "audit action=mutation ns=" + ns + " actor=" + user
                        + " resource=todos operation=insert ids=[a1] serverSeq=1 deduped=false",
                "audit action=mutation ns=" + ns + " actor=" + user
                        + " resource=todos operation=insert ids=[a1] serverSeq=1 deduped=true");
        assertThat(String.join("\n", lines)).doesNotContain("secret").doesNotContain(user + "\"")
                .doesNotContain(Namespace.user(user).value());
    }
}
