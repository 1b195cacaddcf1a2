package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * OWASP API3 (mass assignment): the fields the server owns — timestamps, {@code serverSeq}, the
 * namespace, {@code __*} markers — sent in a record on every write surface are refused with 400 at their
 * path, and nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class MassAssignmentTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";
    private static final List<String> SERVER_OWNED = List.of(
            "\"createdAt\": \"2000-01-01T00:00:00Z\"", "\"updatedAt\": \"2000-01-01T00:00:00Z\"",
            "\"serverSeq\": 999999", "\"namespace\": \"user:someone-else\"", "\"__deleted\": true",
            "\"__namespace\": \"user:someone-else\"");

    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = ServedEngine.start(testDatabase.open(), b -> b,
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void serverOwnedFieldsAreRefusedOnEveryWriteSurface() {
        String token = jwt.issue("user-" + UUID.randomUUID(), null, Duration.ofMinutes(10));
        send(token, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"record\": {\"id\": \"td-1\", "
                + "\"title\": \"original\"}}");
        String before = todos(token);
        int tried = 0;
        for (String member : SERVER_OWNED) {
            String name = member.substring(1, member.indexOf('"', 1));
            List<String[]> writes = new ArrayList<>();
            for (String operation : List.of("insert", "merge", "replace", "upsert")) {
                String id = operation.equals("insert") ? "" : "\"id\": \"td-1\", ";
                String mutation = TODO + "\"operation\": \"" + operation + "\", " + id + "\"clientId\": \"c\", "
                        + "\"mutationId\": \"" + UUID.randomUUID() + "\", \"record\": {\"title\": \"changed\", "
                        + member + "}}";
                writes.add(new String[] {"/mutation", mutation, "record." + name});
                writes.add(new String[] {"/push", "{\"mutations\": [" + mutation + "]}", "mutations[0].record." + name});
                writes.add(new String[] {"/transact", "{\"steps\": [{\"mutation\": " + mutation + "}]}",
                        "steps[0].mutation.record." + name});
            }
            writes.add(new String[] {"/seed", "{\"data\": {\"todos\": [{\"id\": \"td-2\", \"title\": \"t\", " + member
                    + "}]}}", "data.todos[0]." + name});
            String restBody = "{\"clientId\": \"c\", \"mutationId\": \"%s\", \"record\": {\"title\": \"changed\", "
                    + member + "}}";
            for (String[] rest : List.of(new String[] {"POST", "/resources/todos"},
                    new String[] {"PUT", "/resources/todos/td-1"}, new String[] {"PATCH", "/resources/todos/td-1"})) {
                Reply answer = send(token, rest[0], rest[1], restBody.formatted(UUID.randomUUID()));
                assertRefused(answer, "record." + name);
                tried++;
            }
            for (String[] write : writes) {
                assertRefused(send(token, "POST", write[0], write[1]), write[2]);
                tried++;
            }
        }
        assertThat(tried).isEqualTo(SERVER_OWNED.size() * 16);
        assertThat(todos(token)).as("nothing was written").isEqualTo(before);
    }

    /** A refusal at the path, whether the envelope's or a push or transact item's. */
    private static void assertRefused(Reply answer, String path) {
        JsonNode error = answer.body().has("error") ? answer.body().get("error")
                : answer.body().at("/result/results/0/error");
        if (error.isMissingNode()) {
            error = answer.body().at("/result/error");
        }
        assertThat(error.path("code").textValue()).as(answer.raw()).isIn("DFQL_INVALID", "DFQL_UNKNOWN_FIELD");
        assertThat(error.path("path").textValue()).as(answer.raw()).isEqualTo(path);
    }

    private Reply send(String token, String method, String path, String body) {
        return served.send(token, method, path, body);
    }

    private String todos(String token) {
        return send(token, "POST", "/clone", "{\"tables\": [\"todos\"]}").body().at("/result/data").toString();
    }



}
