package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.config.Retention;
import dev.datafn.db.Database;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Who sees what a search finds. A field the caller may not read is not searched (a match there would tell
 * what it holds), on {@code /search} and in a query's search block; a resource it may not read is refused;
 * the authorizer's {@code search} action is asked. And two server instances over one database, each with an
 * index of its own: a write through one is found through the other at once, and so are its updates and deletes.
 */
@OnEveryDatabase
class SearchAccessTest {

    private final JwtAuthenticator jwt = ServedEngine.freshJwt();

    @Parameter
    private TestDatabase testDatabase;

    private static List<String> ids(JsonNode results, String member) {
        List<String> ids = new ArrayList<>();
        results.get(member).forEach(r -> ids.add(r.get("id").textValue()));
        return ids;
    }

    @Test
    void fieldsAndResourcesTheCallerMayNotReadAreNotSearched() {
        try (ServedEngine served = ServedEngine.start(testDatabase.open(), b -> b
                        .policy("todos", ResourcePolicy.of("anyone", "anyone").field("notes", "claim:admin", "claim:admin"))
                        .policy("projects", ResourcePolicy.of("claim:admin", "claim:admin")),
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt)
                        .authorize((req, action, payload) -> !action.equals("search")
                                || !"no search".equals(payload.path("query").textValue()))
                        .build())) {
            String user = "u-" + UUID.randomUUID();
            String admin = jwt.issue(user, null, Duration.ofHours(1), Map.of("admin", true));
            String plain = jwt.issue(user, null, Duration.ofHours(1));
            served.send(admin, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                    + "\"insert\", \"record\": {\"id\": \"td:1\", \"title\": \"Groceries\", \"notes\": \"secret "
                    + "diamonds\"}}").assertOk();
            served.send(admin, "POST", "/mutation", "{\"resource\": \"projects\", \"version\": 1, \"operation\": "
                    + "\"insert\", \"record\": {\"id\": \"pj:1\", \"name\": \"Diamonds heist\"}}").assertOk();

            JsonNode forAdmin = served.send(admin, "POST", "/search", "{\"query\": \"diamonds\"}").assertOk().result();
            assertThat(ids(forAdmin, "results")).containsExactlyInAnyOrder("td:1", "pj:1");
            JsonNode forPlain = served.send(plain, "POST", "/search", "{\"query\": \"diamonds\"}").assertOk().result();
            assertThat(ids(forPlain, "results")).as("notes and projects hidden from a plain caller").isEmpty();
            assertThat(ids(served.send(plain, "POST", "/search", "{\"query\": \"groceries\"}").assertOk().result(),
                    "results")).containsExactly("td:1");
            assertThat(served.send(plain, "POST", "/search", "{\"query\": \"groceries\"}").assertOk().result()
                    .at("/results/0/data").has("notes")).as("the record as the caller may read it").isFalse();
            served.send(plain, "POST", "/search", "{\"query\": \"x\", \"resources\": [\"projects\"]}")
                    .assertError(403, "FORBIDDEN", "resources[0]");

            String block = "{\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": \"diamonds\"}}";
            assertThat(ids(served.send(admin, "POST", "/query", block).assertOk().result(), "data")).containsExactly("td:1");
            assertThat(ids(served.send(plain, "POST", "/query", block).assertOk().result(), "data")).isEmpty();
            served.send(plain, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": "
                    + "\"diamonds\", \"fields\": [\"notes\"]}}").assertError(403, "FORBIDDEN", "search.fields[0]");

            served.send(admin, "POST", "/search", "{\"query\": \"no search\"}").assertError(403, "FORBIDDEN", null);
        }
    }

    @Test
    void twoInstancesOverOneDatabaseFindEachOthersWritesAtOnce() {
        Database database = testDatabase.open();
        Namespace namespace = Namespace.of("search-two-" + UUID.randomUUID());
        try (DataFn first = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).build();
                DataFn second = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).build()) {
            first.mutate(namespace, "a", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"td:x\", \"title\": \"Written on the first\"}}"));
            assertThat(ids(second.search(namespace, json("{\"query\": \"first\"}")), "results")).containsExactly("td:x");

            first.mutate(namespace, "a", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", "
                    + "\"id\": \"td:x\", \"record\": {\"title\": \"Renamed\"}}"));
            assertThat(ids(second.search(namespace, json("{\"query\": \"first\"}")), "results")).isEmpty();
            assertThat(ids(second.search(namespace, json("{\"query\": \"renamed\"}")), "results")).containsExactly("td:x");

            second.mutate(namespace, "b", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", "
                    + "\"id\": \"td:x\"}"));
            assertThat(ids(first.search(namespace, json("{\"query\": \"renamed\"}")), "results")).isEmpty();
            assertThat(first.query(namespace, json("{\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": "
                    + "\"renamed\"}}")).data()).isEmpty();
        }
    }

    /** A namespace whose change log was pruned is indexed anew from its records, not from the log. */
    @Test
    void aPrunedChangeLogIsIndexedAnewFromTheRecords() {
        Database database = testDatabase.open();
        Namespace namespace = Namespace.of("search-pruned-" + UUID.randomUUID());
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        try (DataFn writer = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).clock(now::get)
                .retention(new Retention(30, 0, false, 0)).build()) {
            writer.mutate(namespace, "a", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                    + "\"insert\", \"record\": {\"id\": \"td:old\", \"title\": \"Ancient scroll\"}}"));
            now.set(now.get().plus(Duration.ofDays(40)));
            writer.mutate(namespace, "a", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                    + "\"insert\", \"record\": {\"id\": \"td:new\", \"title\": \"Recent scroll\"}}"));
            assertThat(writer.pruneExpired()).isPositive();
        }
        try (DataFn fresh = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).build()) {
            assertThat(ids(fresh.search(namespace, json("{\"query\": \"scroll\"}")), "results"))
                    .containsExactlyInAnyOrder("td:old", "td:new");
        }
    }

    /**
     * A search that outlives the query timeout is stopped and answered DFQL_ABORTED, like any query. A
     * timeout under a millisecond is a search's zero: already over when the search starts, so every search
     * outlives it.
     */
    @Test
    void aSearchOutlivingTheQueryTimeoutIsAborted() {
        Database database = testDatabase.open();
        Namespace namespace = Namespace.of("search-timeout-" + UUID.randomUUID());
        try (DataFn hasty = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .queryTimeout(Duration.ofNanos(1)).build()) {
            hasty.mutate(namespace, "a", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"td:x\", \"title\": \"Timed out\"}}"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hasty.search(namespace, json("{\"query\": \"timed\", "
                            + "\"fuzzy\": 1, \"prefix\": true}")))
                    .isInstanceOfSatisfying(dev.datafn.error.DataFnException.class,
                            e -> assertThat(e.code()).isEqualTo(dev.datafn.error.ErrorCode.DFQL_ABORTED));
        }
    }

    private static JsonNode json(String text) {
        try {
            return dev.datafn.json.Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
