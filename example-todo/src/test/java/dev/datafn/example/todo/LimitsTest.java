package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.Database;
import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabase;
import io.helidon.http.HeaderNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Seed 000's limits over HTTP, with small limits so that each is quick to reach. Every limit is accepted
 * at its value and refused one past it, on every surface where it applies (a query, a REST call, an item
 * of a batch, a step of a transaction, a push, a seed): {@code DFQL_INVALID}, 400 for a request and the
 * item's or step's own error inside an answer, with the JSON path of the offending part and a message
 * naming the limit. A refused request writes nothing. {@code maxPayloadBytes} is tried on every endpoint
 * by {@link PayloadLimitTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class LimitsTest {

    private static final int MAX_LIMIT = 3;
    private static final int MAX_TRANSACT_STEPS = 2;
    private static final int MAX_PULL_LIMIT = 3;
    private static final int MAX_SELECT_TOKENS = 2;
    private static final int MAX_FILTER_KEYS_PER_LEVEL = 2;
    private static final int MAX_SORT_FIELDS = 2;
    private static final int MAX_AGGREGATIONS = 2;
    private static final int MAX_ID_LENGTH = 12;
    private static final int MAX_BATCH_SIZE = 5;
    private static final int MAX_BATCH_QUERY_CONCURRENCY = 2;

    /** An id exactly {@link #MAX_ID_LENGTH} long, and one a character longer. */
    private static final String LONGEST_ID = "id-456789012";
    private static final String TOO_LONG_ID = LONGEST_ID + "3";

    private final InFlightStatements inFlight = new InFlightStatements();
    private ServedEngine served;
    private UserClient client;
    private ChangeLogReader changeLog;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        Database database = testDatabase.open();
        served = ServedEngine.start(database, b -> b
                .limits(l -> l.maxLimit(MAX_LIMIT).maxTransactSteps(MAX_TRANSACT_STEPS).maxPullLimit(MAX_PULL_LIMIT)
                        .maxSelectTokens(MAX_SELECT_TOKENS).maxFilterKeysPerLevel(MAX_FILTER_KEYS_PER_LEVEL)
                        .maxSortFields(MAX_SORT_FIELDS).maxAggregations(MAX_AGGREGATIONS).maxIdLength(MAX_ID_LENGTH)
                        .maxBatchSize(MAX_BATCH_SIZE).maxBatchQueryConcurrency(MAX_BATCH_QUERY_CONCURRENCY))
                .hibernateProperty("hibernate.session_factory.statement_inspector", inFlight),
                datafn -> DataFnHttp.builder(datafn).rest(true)
                        .namespaceProvider(req -> Namespace.user(req.headers().first(HeaderNames.create("X-User"))
                                .orElseThrow()))
                        .build());
        client = new UserClient(served);
        changeLog = new ChangeLogReader(database);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @Test
    void maxLimitIsTheDefaultPageAndALargerLimitIsRefusedOnEveryReadSurface() {
        String user = user("max-limit");
        insertTodos(user, MAX_LIMIT + 1);

        assertPageOf(client.post(user, "/query", todos("\"limit\": " + MAX_LIMIT)), MAX_LIMIT);
        assertPageOf(client.post(user, "/query", todos("")), MAX_LIMIT);
        client.post(user, "/query", todos("\"limit\": " + (MAX_LIMIT + 1)))
                .assertRefused(400, "DFQL_INVALID", "limit", "maxLimit");

        assertPageOf(client.get(user, "/resources/todos?q=" + UserClient.encoded("{\"limit\": " + MAX_LIMIT + "}")),
                MAX_LIMIT);
        assertPageOf(client.get(user, "/resources/todos"), MAX_LIMIT);
        client.get(user, "/resources/todos?q=" + UserClient.encoded("{\"limit\": " + (MAX_LIMIT + 1) + "}"))
                .assertRefused(400, "DFQL_INVALID", "limit", "maxLimit");

        JsonNode batch = client.post(user, "/query", "[" + todos("\"limit\": " + MAX_LIMIT) + ", "
                + todos("\"limit\": " + (MAX_LIMIT + 1)) + "]").assertOk().result();
        assertThat(batch.at("/0/result/data")).hasSize(MAX_LIMIT);
        Reply.assertError(batch.at("/1/error"), "DFQL_INVALID", "[1].limit", "maxLimit");

        int before = changeLog.changes(namespace(user)).size();
        JsonNode transact = client.post(user, "/transact", "{\"steps\": [{\"mutation\": " + insert("written-not")
                + "}, {\"query\": " + todos("\"limit\": " + (MAX_LIMIT + 1)) + "}]}").assertOk().result();
        assertThat(transact.get("failedStep").intValue()).isEqualTo(1);
        Reply.assertError(transact.get("error"), "DFQL_INVALID", "steps[1].query.limit", "maxLimit");
        assertThat(changeLog.changes(namespace(user))).as("the refused transaction wrote nothing").hasSize(before);
    }

    @Test
    void maxSelectTokens() {
        String user = user("max-select");
        client.post(user, "/query", todos("\"select\": " + tokens(MAX_SELECT_TOKENS, i -> "\"" + field(i) + "\"")))
                .assertOk();
        client.post(user, "/query", todos("\"select\": " + tokens(MAX_SELECT_TOKENS + 1, i -> "\"" + field(i) + "\"")))
                .assertRefused(400, "DFQL_INVALID", "select", "maxSelectTokens");
        client.get(user, "/resources/todos?q=" + UserClient.encoded("{\"select\": "
                + tokens(MAX_SELECT_TOKENS + 1, i -> "\"" + field(i) + "\"") + "}"))
                .assertRefused(400, "DFQL_INVALID", "select", "maxSelectTokens");
    }

    @Test
    void maxFilterKeysPerLevelHoldsAtEveryLevelOfFiltersHavingAndGuards() {
        String user = user("max-filter-keys");
        client.post(user, "/query", todos("\"filters\": " + filterOf(MAX_FILTER_KEYS_PER_LEVEL))).assertOk();
        client.post(user, "/query", todos("\"filters\": " + filterOf(MAX_FILTER_KEYS_PER_LEVEL + 1)))
                .assertRefused(400, "DFQL_INVALID", "filters", "maxFilterKeysPerLevel");

        client.post(user, "/query", todos("\"filters\": {\"$and\": [" + filterOf(MAX_FILTER_KEYS_PER_LEVEL) + "]}"))
                .assertOk();
        client.post(user, "/query", todos("\"filters\": {\"$and\": [" + filterOf(MAX_FILTER_KEYS_PER_LEVEL + 1) + "]}"))
                .assertRefused(400, "DFQL_INVALID", "filters.$and[0]", "maxFilterKeysPerLevel");
        client.post(user, "/query", todos("\"filters\": {\"$or\": " + tokens(MAX_FILTER_KEYS_PER_LEVEL,
                i -> "{\"priority\": " + i + "}") + "}")).assertOk();
        client.post(user, "/query", todos("\"filters\": {\"$or\": " + tokens(MAX_FILTER_KEYS_PER_LEVEL + 1,
                i -> "{\"priority\": " + i + "}") + "}"))
                .assertRefused(400, "DFQL_INVALID", "filters.$or", "maxFilterKeysPerLevel");

        String grouped = "\"groupBy\": [\"completed\"], \"aggregations\": {\"n\": {\"fn\": \"count\"}}, ";
        client.post(user, "/query", todos(grouped + "\"having\": {\"n\": {\"gte\": 0}, \"completed\": false}"))
                .assertOk();
        client.post(user, "/query", todos(grouped
                + "\"having\": {\"n\": {\"gte\": 0}, \"completed\": false, \"$not\": {\"n\": 0}}"))
                .assertRefused(400, "DFQL_INVALID", "having", "maxFilterKeysPerLevel");

        insertTodos(user, 1);
        String merge = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \"t1\", "
                + "\"record\": {\"title\": \"%s\"}, \"if\": %s}";
        client.post(user, "/mutation", merge.formatted("guarded", filterOf(MAX_FILTER_KEYS_PER_LEVEL))).assertOk();
        client.post(user, "/mutation", merge.formatted("refused", filterOf(MAX_FILTER_KEYS_PER_LEVEL + 1)))
                .assertRefused(400, "DFQL_INVALID", "if", "maxFilterKeysPerLevel");
        assertThat(titles(user)).containsExactly("guarded");
    }

    /** OWASP API4: sizes far past every limit are refused before any work, never answered 500. */
    @Test
    void hugeSizesAndDeepNestingAreRefused() {
        String user = user("huge");
        for (String limit : List.of("1000000000", "1000000000000", "1e9", "-1")) {
            Reply refused = client.post(user, "/query", todos("\"limit\": " + limit));
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.body().at("/error/path").textValue()).as(refused.raw()).isEqualTo("limit");
        }
        client.get(user, "/resources/todos?q=" + UserClient.encoded("{\"limit\": 1000000000}"))
                .assertRefused(400, "DFQL_INVALID", "limit", "maxLimit");
        client.post(user, "/pull", "{\"cursors\": {\"todos\": \"0\"}, \"limit\": 1000000000}")
                .assertRefused(400, "DFQL_INVALID", "limit", "maxPullLimit");
        client.post(user, "/clone", "{\"tables\": [\"todos\"], \"limit\": 1000000000}")
                .assertRefused(400, "DFQL_INVALID", "limit", "maxPullLimit");
        // Filters hundreds of levels deep: refused while parsed (JSON nests at most 64 levels), never
        // recursed into until the stack gives out.
        for (int depth : List.of(200, 900, 1_000, 5_000)) {
            String deep = "{\"title\": \"x\"}";
            for (int i = 0; i < depth; i++) {
                deep = "{\"$not\": " + deep + "}";
            }
            Reply tooDeep = client.post(user, "/query", todos("\"filters\": " + deep));
            assertThat(tooDeep.status()).as(tooDeep.raw()).isEqualTo(400);
            assertThat(tooDeep.body().at("/error/code").textValue()).isEqualTo("DFQL_INVALID");
        }
    }

    @Test
    void maxSortFields() {
        String user = user("max-sort");
        client.post(user, "/query", todos("\"sort\": " + tokens(MAX_SORT_FIELDS, i -> "\"" + field(i) + ":desc\"")))
                .assertOk();
        client.post(user, "/query", todos("\"sort\": " + tokens(MAX_SORT_FIELDS + 1, i -> "\"" + field(i) + ":desc\"")))
                .assertRefused(400, "DFQL_INVALID", "sort", "maxSortFields");
    }

    @Test
    void maxAggregations() {
        String user = user("max-aggregations");
        IntFunction<String> count = i -> "\"n" + i + "\": {\"fn\": \"count\"}";
        client.post(user, "/query", todos("\"aggregations\": {" + joined(MAX_AGGREGATIONS, count) + "}")).assertOk();
        client.post(user, "/query", todos("\"aggregations\": {" + joined(MAX_AGGREGATIONS + 1, count) + "}"))
                .assertRefused(400, "DFQL_INVALID", "aggregations", "maxAggregations");
    }

    @Test
    void maxTransactSteps() {
        String user = user("max-steps");
        IntFunction<String> step = i -> "{\"mutation\": " + insert("s" + i) + "}";
        client.post(user, "/transact", "{\"steps\": [" + joined(MAX_TRANSACT_STEPS, step) + "]}").assertOk();
        assertThat(titles(user)).hasSize(MAX_TRANSACT_STEPS);

        String other = user("max-steps-past");
        client.post(other, "/transact", "{\"steps\": [" + joined(MAX_TRANSACT_STEPS + 1, step) + "]}")
                .assertRefused(400, "DFQL_INVALID", "steps", "maxTransactSteps");
        assertNothingWritten(other);
    }

    @Test
    void maxPullLimitBoundsPullAndClonePages() {
        String user = user("max-pull");
        insertTodos(user, MAX_PULL_LIMIT + 1);
        String cursors = "\"cursors\": {\"todos\": \"0\"}";

        JsonNode atLimit = client.post(user, "/pull", "{" + cursors + ", \"limit\": " + MAX_PULL_LIMIT + "}")
                .assertOk().result();
        assertThat(atLimit.at("/records/todos")).hasSize(MAX_PULL_LIMIT);
        assertThat(atLimit.get("hasMore").booleanValue()).isTrue();
        JsonNode byDefault = client.post(user, "/pull", "{" + cursors + "}").assertOk().result();
        assertThat(byDefault.at("/records/todos")).as("maxPullLimit is also the default").hasSize(MAX_PULL_LIMIT);
        client.post(user, "/pull", "{" + cursors + ", \"limit\": " + (MAX_PULL_LIMIT + 1) + "}")
                .assertRefused(400, "DFQL_INVALID", "limit", "maxPullLimit");

        JsonNode page = client.post(user, "/clone", "{\"tables\": [\"todos\"], \"limit\": " + MAX_PULL_LIMIT + "}")
                .assertOk().result();
        assertThat(page.at("/data/todos")).hasSize(MAX_PULL_LIMIT);
        assertThat(page.get("hasMore").booleanValue()).isTrue();
        client.post(user, "/clone", "{\"tables\": [\"todos\"], \"limit\": " + (MAX_PULL_LIMIT + 1) + "}")
                .assertRefused(400, "DFQL_INVALID", "limit", "maxPullLimit");
    }

    @Test
    void maxIdLengthHoldsForEveryIdAClientChooses() {
        String user = user("max-id");
        client.post(user, "/mutation", insertWithId(LONGEST_ID)).assertOk();

        client.post(user, "/mutation", insertWithId(TOO_LONG_ID))
                .assertRefused(400, "DFQL_INVALID", "id", "maxIdLength");
        client.post(user, "/mutation", insert("x").replace("\"record\": {", "\"record\": {\"id\": \"" + TOO_LONG_ID
                + "\", ")).assertRefused(400, "DFQL_INVALID", "record.id", "maxIdLength");
        client.post(user, "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", \"id\": \""
                + TOO_LONG_ID + "\", \"record\": {\"title\": \"x\"}}")
                .assertRefused(400, "DFQL_INVALID", "id", "maxIdLength");
        client.post(user, "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"relate\", \"id\": \""
                + LONGEST_ID + "\", \"relation\": \"tags\", \"targetId\": \"" + TOO_LONG_ID + "\"}")
                .assertRefused(400, "DFQL_INVALID", "targetId", "maxIdLength");
        client.post(user, "/mutation", insert("x").replace("\"record\": {", "\"record\": {\"projectId\": \""
                + TOO_LONG_ID + "\", ")).assertRefused(400, "DFQL_INVALID", "record.projectId", "maxIdLength");
        client.post(user, "/mutation", insert("x").replace("\"record\": {", "\"record\": {\"tags\": [\""
                + TOO_LONG_ID + "\"], ")).assertRefused(400, "DFQL_INVALID", "record.tags[0]", "maxIdLength");

        JsonNode batch = client.post(user, "/mutation", "[" + insertWithId(TOO_LONG_ID) + "]").assertOk().result();
        Reply.assertError(batch.at("/0/error"), "DFQL_INVALID", "[0].id", "maxIdLength");
        JsonNode push = client.post(user, "/push", "{\"mutations\": [" + insertWithId(TOO_LONG_ID) + "]}")
                .assertOk().result();
        Reply.assertError(push.at("/results/0/error"), "DFQL_INVALID", "mutations[0].id", "maxIdLength");
        JsonNode atomicPush = client.post(user, "/push", "{\"atomic\": true, \"mutations\": ["
                + insertWithId(TOO_LONG_ID) + "]}").assertOk().result();
        Reply.assertError(atomicPush.get("error"), "DFQL_INVALID", "mutations[0].id", "maxIdLength");
        JsonNode transact = client.post(user, "/transact", "{\"steps\": [{\"mutation\": " + insertWithId(TOO_LONG_ID)
                + "}]}").assertOk().result();
        Reply.assertError(transact.get("error"), "DFQL_INVALID", "steps[0].mutation.id", "maxIdLength");
        client.post(user, "/seed", "{\"data\": {\"todos\": [{\"id\": \"" + TOO_LONG_ID + "\", \"title\": \"x\"}]}}")
                .assertRefused(400, "DFQL_INVALID", "data.todos[0].id", "maxIdLength");

        String key = "\"clientId\": \"c\", \"mutationId\": \"" + UUID.randomUUID() + "\"";
        client.post(user, "/resources/todos", "{" + key + ", \"id\": \"" + TOO_LONG_ID + "\", \"record\": "
                + "{\"title\": \"x\"}}").assertRefused(400, "DFQL_INVALID", "id", "maxIdLength");
        for (String method : List.of("PATCH", "PUT")) {
            client.send(user, method, "/resources/todos/" + TOO_LONG_ID, "{" + key + ", \"record\": {\"title\": "
                    + "\"x\"}}")
                    .assertRefused(400, "DFQL_INVALID", "id", "maxIdLength");
        }
        client.send(user, "DELETE", "/resources/todos/" + TOO_LONG_ID + "?clientId=c&mutationId=d", null)
                .assertRefused(400, "DFQL_INVALID", "id", "maxIdLength");
        client.get(user, "/resources/todos/" + TOO_LONG_ID).assertRefused(400, "DFQL_INVALID", "id", "maxIdLength");
        client.get(user, "/resources/todos/" + LONGEST_ID).assertOk();

        assertThat(changeLog.changes(namespace(user))).as("only the insert at the limit was written").hasSize(1);
    }

    @Test
    void maxBatchSizeBoundsMutationBatchesPushesQueryBatchesAndSeeds() {
        String user = user("max-batch");
        IntFunction<String> insertAt = i -> insert("b" + i);
        client.post(user, "/mutation", "[" + joined(MAX_BATCH_SIZE, insertAt) + "]").assertOk();
        client.post(user, "/push", "{\"mutations\": [" + joined(MAX_BATCH_SIZE, insertAt) + "]}").assertOk();
        client.post(user, "/seed", "{\"data\": {\"todos\": [" + joined(MAX_BATCH_SIZE,
                i -> "{\"id\": \"seed-" + i + "\", \"title\": \"s\"}") + "]}}").assertOk();
        JsonNode queries = client.post(user, "/query", "[" + joined(MAX_BATCH_SIZE, i -> todos("")) + "]")
                .assertOk().result();
        assertThat(queries).hasSize(MAX_BATCH_SIZE);
        assertThat(titles(user)).hasSize(3 * MAX_BATCH_SIZE);

        String other = user("max-batch-past");
        client.post(other, "/mutation", "[" + joined(MAX_BATCH_SIZE + 1, insertAt) + "]")
                .assertRefused(400, "DFQL_INVALID", "", "maxBatchSize");
        client.post(other, "/push", "{\"mutations\": [" + joined(MAX_BATCH_SIZE + 1, insertAt) + "]}")
                .assertRefused(400, "DFQL_INVALID", "mutations", "maxBatchSize");
        client.post(other, "/seed", "{\"data\": {\"todos\": [" + joined(MAX_BATCH_SIZE + 1,
                i -> "{\"id\": \"seed-" + i + "\", \"title\": \"s\"}") + "]}}")
                .assertRefused(400, "DFQL_INVALID", "data", "maxBatchSize");
        client.post(other, "/query", "[" + joined(MAX_BATCH_SIZE + 1, i -> todos("")) + "]")
                .assertRefused(400, "DFQL_INVALID", "", "maxBatchSize");
        assertNothingWritten(other);
    }

    /**
     * A batch of as many queries as a batch may hold, each held on its way to the database: never more than
     * {@code maxBatchQueryConcurrency} are held at once, and that many are, so the queries do run
     * concurrently up to the limit. Without the limit every query of the batch would be held together.
     */
    @Test
    void maxBatchQueryConcurrencyBoundsTheQueriesOfABatchRunningAtOnce() {
        String user = user("max-concurrency");
        inFlight.arm(Duration.ofMillis(150));
        int most;
        try {
            client.post(user, "/query", "[" + joined(MAX_BATCH_SIZE, i -> todos("")) + "]").assertOk();
        } finally {
            most = inFlight.disarm();
        }
        assertThat(MAX_BATCH_SIZE).isGreaterThan(MAX_BATCH_QUERY_CONCURRENCY);
        assertThat(most).isEqualTo(MAX_BATCH_QUERY_CONCURRENCY);
    }

    private static String user(String label) {
        return label + "-" + UUID.randomUUID();
    }

    private static Namespace namespace(String user) {
        return Namespace.user(user);
    }

    /** A todos query with the given members (none when empty). */
    private static String todos(String members) {
        return "{\"resource\": \"todos\", \"version\": 1" + (members.isEmpty() ? "" : ", " + members) + "}";
    }

    private static String insert(String title) {
        return "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"title\": \""
                + title + "\"}}";
    }

    private static String insertWithId(String id) {
        return "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"id\": \"" + id
                + "\", \"record\": {\"title\": \"x\"}}";
    }

    /** Inserts todos t1..tn in the user's namespace. */
    private void insertTodos(String user, int n) {
        client.post(user, "/mutation", "[" + joined(n, i -> "{\"resource\": \"todos\", \"version\": 1, "
                + "\"operation\": \"insert\", \"record\": {\"id\": \"t" + (i + 1) + "\", \"title\": \"todo " + (i + 1)
                + "\"}}") + "]").assertOk();
    }

    /** A filter object of n keys, each on its own field and matching every todo inserted here. */
    private static String filterOf(int n) {
        List<String> keys = new ArrayList<>(List.of("\"completed\": false", "\"priority\": {\"gte\": 0}",
                "\"notes\": {\"is_null\": true}"));
        return "{" + String.join(", ", keys.subList(0, n)) + "}";
    }

    /** The i-th of the todo fields the select and sort tests use. */
    private static String field(int i) {
        return List.of("title", "priority", "dueDate").get(i);
    }

    private static String tokens(int n, IntFunction<String> token) {
        return "[" + joined(n, token) + "]";
    }

    private static String joined(int n, IntFunction<String> item) {
        return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(", "));
    }

    private static void assertPageOf(Reply reply, int size) {
        reply.assertOk();
        assertThat(reply.result().get("data")).as(reply.raw()).hasSize(size);
        assertThat(reply.result().get("hasMore").booleanValue()).as(reply.raw()).isTrue();
    }

    /** @return the titles of the user's todos, read in-process so no limit of the HTTP layer applies */
    private List<String> titles(String user) {
        List<String> out = new ArrayList<>();
        for (int offset = 0; ; offset += MAX_LIMIT) {
            var page = served.datafn().query(namespace(user), dev.datafn.json.Json.parse(todos(
                    "\"sort\": [\"title:asc\"], \"limit\": " + MAX_LIMIT + ", \"offset\": " + offset)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), ""));
            page.data().forEach(r -> out.add(r.get("title").textValue()));
            if (page.data().size() < MAX_LIMIT) {
                return out;
            }
        }
    }

    private void assertNothingWritten(String user) {
        assertThat(changeLog.changes(namespace(user))).as("nothing was written").isEmpty();
        assertThat(titles(user)).isEmpty();
    }
}
