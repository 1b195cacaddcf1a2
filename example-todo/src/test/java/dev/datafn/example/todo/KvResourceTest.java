package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.Database;
import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.ChangeLogReader.StoredChange;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * The built-in key-value resource {@code kv} over real HTTP: set, get, overwrite and delete through the
 * ordinary query and mutation endpoints, every kind of JSON value, idempotent retries, the change log,
 * pull and clone, namespace isolation, and bad input refused with its path. Each user of the server
 * ({@code X-User}) is a namespace of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class KvResourceTest {

    private static final io.helidon.http.HeaderName USER = HeaderNames.create("X-User");

    private final String alice = "kv-alice-" + UUID.randomUUID();
    private Database database;
    private ServedEngine served;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        database = testDatabase.open();
        served = ServedEngine.start(database, b -> b, datafn -> DataFnHttp.builder(datafn)
                .namespaceProvider(req -> Namespace.user(req.headers().first(USER).orElseThrow()))
                .build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void aKeyIsSetReadOverwrittenAndDeletedThroughTheOrdinaryEndpoints() {
        String user = user("crud");
        Reply set = post(user, "/mutation", upsert("theme", "{\"mode\": \"dark\", \"size\": 12}")).assertOk();
        assertThat(set.result().get("affectedIds").toString()).isEqualTo("[\"theme\"]");
        assertThat(get(user, "theme").toString()).isEqualTo("{\"id\":\"theme\",\"value\":{\"mode\":\"dark\",\"size\":12}}");

        post(user, "/mutation", upsert("theme", "\"light\"")).assertOk();
        assertThat(get(user, "theme").toString()).isEqualTo("{\"id\":\"theme\",\"value\":\"light\"}");
        assertThat(all(user)).hasSize(1);

        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"delete\", \"id\": \"theme\"}")
                .assertOk();
        assertThat(get(user, "theme")).isNull();
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"delete\", \"id\": \"theme\"}")
                .assertRefused(404, "NOT_FOUND", "id", "theme");
    }

    @Test
    void everyKindOfJsonValueIsStoredAndAnsweredAsSent() throws Exception {
        String user = user("values");
        List<String> values = List.of("{\"a\":{\"b\":[1,2,{\"c\":null}]},\"d\":\"e\"}", "[1,\"two\",false,null,[]]",
                "\"text with \\\"quotes\\\" and ünïcode\"", "42", "-7.25", "12345678901234567890", "true", "false",
                "\"\"", "{}", "[]");
        for (int i = 0; i < values.size(); i++) {
            post(user, "/mutation", upsert("k" + i, values.get(i))).assertOk();
        }
        for (int i = 0; i < values.size(); i++) {
            assertThat(get(user, "k" + i).get("value")).as(values.get(i)).isEqualTo(Json.MAPPER.readTree(values.get(i)));
        }
    }

    @Test
    void nullIsNotAValueAKeyIsDeletedInstead() {
        String user = user("null");
        post(user, "/mutation", upsert("k", "null"))
                .assertRefused(400, "VALIDATION_FAILED", "record.value", "cannot be null");
        post(user, "/mutation", upsert("k", "1")).assertOk();
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"merge\", \"id\": \"k\", "
                + "\"record\": {\"value\": null}}")
                .assertRefused(400, "VALIDATION_FAILED", "record.value", "cannot be null");
        assertThat(get(user, "k").get("value").intValue()).isEqualTo(1);
    }

    @Test
    void aRetriedMutationIsAppliedOnceAndLoggedOnce() {
        String user = user("retry");
        String mutation = "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"upsert\", \"id\": \"counter\", "
                + "\"record\": {\"value\": 1}, \"clientId\": \"device-1\", \"mutationId\": \"m-1\"}";
        Reply first = post(user, "/mutation", mutation).assertOk();
        Reply retry = post(user, "/mutation", mutation).assertOk();

        assertThat(first.result().get("deduped").booleanValue()).isFalse();
        assertThat(retry.result().get("deduped").booleanValue()).isTrue();
        assertThat(retry.result().get("serverSeq").longValue()).isEqualTo(first.result().get("serverSeq").longValue());
        List<StoredChange> changes = new ChangeLogReader(database).changes(Namespace.user(user));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).resource()).isEqualTo("kv");
        assertThat(changes.get(0).recordId()).isEqualTo("counter");
        assertThat(changes.get(0).clientId()).isEqualTo("device-1");
        assertThat(changes.get(0).mutationId()).isEqualTo("m-1");

        post(user, "/mutation", mutation.replace("\"value\": 1", "\"value\": 2"))
                .assertRefused(422, "IDEMPOTENCY_KEY_REUSED", "mutationId", "m-1");
    }

    @Test
    void pullBringsEveryKeyChangeSinceTheCursorAndCloneEveryKey() {
        String user = user("sync");
        post(user, "/mutation", upsert("a", "1")).assertOk();
        post(user, "/mutation", upsert("b", "{\"x\": true}")).assertOk();
        post(user, "/mutation", upsert("c", "\"gone soon\"")).assertOk();

        JsonNode clone = post(user, "/clone", "{\"version\": 1, \"tables\": [\"kv\"]}").assertOk().result();
        assertThat(clone.at("/data/kv").toString())
                .isEqualTo("[{\"id\":\"a\",\"value\":1},{\"id\":\"b\",\"value\":{\"x\":true}},{\"id\":\"c\",\"value\":\"gone soon\"}]");
        String cursor = clone.at("/cursors/kv").textValue();
        assertThat(cursor).isEqualTo("3");
        JsonNode withTodos = post(user, "/clone", "{\"version\": 1, \"tables\": [\"todos\", \"kv\"]}")
                .assertOk().result();
        assertThat(withTodos.at("/data/kv")).hasSize(3);
        assertThat(withTodos.at("/data/todos")).isEmpty();

        post(user, "/mutation", upsert("a", "2")).assertOk();
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"delete\", \"id\": \"c\"}")
                .assertOk();
        JsonNode pull = post(user, "/pull", "{\"version\": 1, \"cursors\": {\"kv\": \"" + cursor + "\"}}")
                .assertOk().result();
        assertThat(pull.at("/records/kv").toString())
                .isEqualTo("[{\"id\":\"a\",\"value\":2,\"__deleted\":false},{\"id\":\"c\",\"__deleted\":true}]");
        assertThat(pull.at("/cursors/kv").textValue()).isEqualTo("5");
        JsonNode fromStart = post(user, "/pull", "{\"version\": 1, \"cursors\": {\"kv\": \"0\"}}").assertOk().result();
        assertThat(fromStart.at("/records/kv")).hasSize(3);
    }

    @Test
    void aNamespaceNeverSeesNorTouchesAnothersKeys() {
        String a = user("alice");
        String b = user("bob");
        post(a, "/mutation", upsert("shared-name", "\"alice's\"")).assertOk();
        post(a, "/mutation", upsert("only-alice", "1")).assertOk();

        assertThat(all(b)).isEmpty();
        assertThat(get(b, "only-alice")).isNull();
        post(b, "/mutation", upsert("shared-name", "\"bob's\"")).assertOk();
        post(b, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"delete\", \"id\": \"only-alice\"}")
                .assertRefused(404, "NOT_FOUND", "id", "only-alice");
        assertThat(post(b, "/clone", "{\"version\": 1, \"tables\": [\"kv\"]}").assertOk().result().at("/data/kv"))
                .hasSize(1);
        assertThat(post(b, "/pull", "{\"version\": 1, \"cursors\": {\"kv\": \"0\"}}").assertOk().result()
                .at("/records/kv")).hasSize(1);

        assertThat(get(a, "shared-name").get("value").textValue()).isEqualTo("alice's");
        assertThat(get(b, "shared-name").get("value").textValue()).isEqualTo("bob's");
        assertThat(all(a)).hasSize(2);
    }

    @Test
    void badKeysAndValuesAreRefusedWithTheirPath() {
        String user = user("bad");
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"upsert\", \"id\": 42, "
                + "\"record\": {\"value\": 1}}")
                .assertRefused(400, "DFQL_INVALID", "id", "string");
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": [\"k\"], \"value\": 1}}")
                .assertRefused(400, "DFQL_INVALID", "record.id", "string");
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"k\"}}")
                .assertRefused(400, "VALIDATION_FAILED", "record.value", "required");
        post(user, "/mutation", upsert("k".repeat(256), "1"))
                .assertRefused(400, "DFQL_INVALID", "id", "255");
        String oversize = "\"" + "x".repeat(1_000_000) + "\"";
        post(user, "/mutation", upsert("big", oversize))
                .assertRefused(400, "VALIDATION_FAILED", "record.value", "1000000");
        post(user, "/mutation", "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"upsert\", \"id\": \"k\", "
                + "\"record\": {\"value\": 1, \"other\": 2}}")
                .assertRefused(400, "DFQL_UNKNOWN_FIELD", "record.other", "other");
        assertThat(all(user)).isEmpty();

        String fits = "\"" + "x".repeat(999_998) + "\"";
        post(user, "/mutation", upsert("big", fits)).assertOk();
        assertThat(get(user, "big").get("value").textValue()).hasSize(999_998);
    }

    @Test
    void theServedSchemaAndItsHashHoldTheKeyValueResource() {
        JsonNode status = send(user("status"), "GET", "/status", null).assertOk().result();

        assertThat(served.datafn().schema().resources()).extracting(ResourceSchema::name)
                .containsExactly("kv", "projects", "tags", "todos");
        assertThat(status.get("schemaHash").textValue()).isEqualTo(served.datafn().schema().hash());
        assertThat(TodoAppSchema.INSTANCE.resources()).extracting(ResourceSchema::name).doesNotContain("kv");
    }

    private String user(String role) {
        return alice + "-" + role;
    }

    private static String upsert(String key, String valueJson) {
        return "{\"resource\": \"kv\", \"version\": 1, \"operation\": \"upsert\", \"id\": " + Json.MAPPER.valueToTree(key)
                + ", \"record\": {\"value\": " + valueJson + "}}";
    }

    /** @return the key's record as {@code POST /query} answers it, or {@code null} when there is none */
    private JsonNode get(String user, String key) {
        JsonNode data = post(user, "/query", "{\"resource\": \"kv\", \"version\": 1, \"filters\": {\"id\": "
                + Json.MAPPER.valueToTree(key) + "}}").assertOk().result().get("data");
        assertThat(data.size()).isLessThanOrEqualTo(1);
        return data.isEmpty() ? null : data.get(0);
    }

    private List<JsonNode> all(String user) {
        List<JsonNode> out = new ArrayList<>();
        post(user, "/query", "{\"resource\": \"kv\", \"version\": 1, \"sort\": [\"id\"]}").assertOk().result()
                .get("data").forEach(out::add);
        return out;
    }

    private Reply post(String user, String path, String body) {
        return send(user, "POST", path, body);
    }

    private Reply send(String user, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(served.url(path)))
                .header("X-User", user)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return ServedEngine.send(request, method + " " + path);
    }
}
