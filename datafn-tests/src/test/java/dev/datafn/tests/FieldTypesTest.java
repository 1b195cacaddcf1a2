package dev.datafn.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every field type and the one-many relation kind, end to end: values round-trip exactly, filters and
 * sorts use each type's own order, wrong values are refused with their path, and the inverse side of
 * a relation filters and expands like the owning side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.class)
class FieldTypesTest {

    private final Namespace ns = TestDatabases.uniqueNamespace("types");
    private DataFn datafn;

    /** The database of this run; every test runs once per {@link TestDatabase}. */
    @Parameter
    private TestDatabase testDatabase;

    /** @return the database this run uses; the run is skipped when it is not configured */
    private Database database() {
        return testDatabase.open();
    }

    @BeforeParameterizedClassInvocation
    void start() {
        datafn = DataFn.builder().schema(FixtureSchema.INSTANCE).database(database()).build();
        mutate("authors", "{\"id\": \"a1\", \"name\": \"Ada\", \"favorite\": \"SCIENCE\", "
                + "\"profile\": {\"langs\": [\"en\", \"fr\"], \"age\": 36}}");
        mutate("authors", "{\"id\": \"a2\", \"name\": \"Bo\"}");
        mutate("books", "{\"id\": \"b1\", \"title\": \"Engines\", \"authorId\": \"a1\", \"pages\": 9000000000, "
                + "\"rating\": 4.25, \"price\": 12.50, \"publishedAt\": \"2026-03-01T10:15:30.123456Z\", "
                + "\"genre\": \"SCIENCE\", \"isbn\": \"9780000000001\"}");
        mutate("books", "{\"id\": \"b2\", \"title\": \"Notes\", \"authorId\": \"a1\", \"pages\": 120, "
                + "\"rating\": 3.5, \"price\": 0.99, \"publishedAt\": \"2025-12-31T23:59:59+02:00\", \"genre\": \"HISTORY\"}");
        mutate("books", "{\"id\": \"b3\", \"title\": \"Tales\", \"authorId\": \"a2\", \"genre\": \"FICTION\"}");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (datafn != null) {
            datafn.close();
            datafn = null;
        }
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void mutate(String resource, String record) {
        datafn.mutate(ns, null, json("{\"resource\": \"%s\", \"version\": 1, \"operation\": \"insert\", \"record\": %s}"
                .formatted(resource, record)));
    }

    private QueryResult query(String resource, String rest) {
        return datafn.query(ns, json("{\"resource\": \"%s\", \"version\": 1%s}"
                .formatted(resource, rest.isEmpty() ? "" : ", " + rest)));
    }

    private static List<String> ids(QueryResult r) {
        return r.data().stream().map(n -> n.get("id").textValue()).toList();
    }

    @Test
    void everyTypeRoundTripsExactly() {
        JsonNode b1 = query("books", "\"filters\": {\"id\": \"b1\"}").data().get(0);
        assertThat(b1.get("pages").longValue()).isEqualTo(9_000_000_000L);
        assertThat(b1.get("rating").doubleValue()).isEqualTo(4.25);
        assertThat(b1.get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(b1.get("publishedAt").textValue()).isEqualTo("2026-03-01T10:15:30.123456Z");
        assertThat(b1.get("genre").textValue()).isEqualTo("SCIENCE");
        JsonNode b2 = query("books", "\"filters\": {\"id\": \"b2\"}").data().get(0);
        assertThat(b2.get("publishedAt").textValue()).as("offsets are normalized to UTC").isEqualTo("2025-12-31T21:59:59Z");
        JsonNode a1 = query("authors", "\"filters\": {\"id\": \"a1\"}").data().get(0);
        assertThat(a1.get("profile").toString()).isEqualTo("{\"langs\":[\"en\",\"fr\"],\"age\":36}");
        assertThat(a1.get("favorite").textValue()).isEqualTo("SCIENCE");
    }

    /** Clone and pull answer every type exactly as a query does, whole and paged. */
    @Test
    void cloneAndPullAnswerEveryTypeAsAQueryDoes() {
        for (String resource : List.of("authors", "books")) {
            JsonNode queried = asSent(Json.MAPPER.valueToTree(query(resource, "\"sort\": [\"id\"]").data()));
            ObjectNode whole = datafn.clone(ns, json("{\"tables\": [\"" + resource + "\"]}"));
            // Compared as sent: numbers as the wire writes them, whatever node types built them.
            assertThat(asSent(whole.at("/data/" + resource))).isEqualTo(queried);
            ObjectNode page = datafn.clone(ns, json("{\"tables\": [\"" + resource + "\"], \"limit\": 50}"));
            assertThat(asSent(page.at("/data/" + resource))).isEqualTo(queried);
            ObjectNode pulled = datafn.pull(ns, json("{\"cursors\": {\"" + resource + "\": \"0\"}}"));
            for (JsonNode record : pulled.at("/records/" + resource)) {
                ObjectNode copy = record.deepCopy();
                copy.remove("__deleted");
                assertThat(queried).contains(asSent(copy));
            }
        }
    }

    /**
     * A clone reads date-times as column values and writes them itself; at the edges of the supported years
     * and across the Julian-Gregorian switch they answer what was stored, as a query does.
     */
    @Test
    void cloneAnswersDateTimesAtTheEdgesAsAQueryDoes() {
        Namespace edges = TestDatabases.uniqueNamespace("types-edges");
        List<String> instants = List.of("0001-01-01T00:00:00Z", "1582-10-10T12:00:00.5Z", "1900-01-01T00:00:00.000001Z",
                "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z");
        for (int i = 0; i < instants.size(); i++) {
            datafn.mutate(edges, null, json("{\"resource\": \"books\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"e%d\", \"title\": \"Edge\", \"publishedAt\": \"%s\"}}"
                    .formatted(i, instants.get(i))));
        }
        JsonNode queried = asSent(Json.MAPPER.valueToTree(datafn.query(edges,
                json("{\"resource\": \"books\", \"version\": 1, \"sort\": [\"id\"]}")).data()));
        JsonNode cloned = asSent(datafn.clone(edges, json("{\"tables\": [\"books\"]}")).at("/data/books"));
        assertThat(cloned).isEqualTo(queried);
        assertThat(cloned.findValuesAsText("publishedAt"))
                .isEqualTo(instants.stream().map(t -> java.time.Instant.parse(t).toString()).toList());
        assertThat(asSent(datafn.clone(edges, json("{\"tables\": [\"books\"], \"limit\": 2}")).at("/data/books")))
                .isEqualTo(asSent(Json.MAPPER.valueToTree(List.of(queried.get(0), queried.get(1)))));
    }

    /** @return the JSON as a client reads it back from the wire */
    private static JsonNode asSent(JsonNode node) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachTypeFiltersAndSortsByItsOwnOrder() {
        assertThat(ids(query("books", "\"filters\": {\"pages\": {\"gt\": 4000000000}}"))).containsExactly("b1");
        assertThat(ids(query("books", "\"filters\": {\"rating\": {\"lt\": 4}}"))).containsExactly("b2");
        assertThat(ids(query("books", "\"filters\": {\"price\": {\"between\": [0.5, 1]}}"))).containsExactly("b2");
        assertThat(ids(query("books", "\"filters\": {\"publishedAt\": {\"gte\": \"2026-01-01T00:00:00Z\"}}")))
                .containsExactly("b1");
        assertThat(ids(query("books", "\"filters\": {\"genre\": {\"in\": [\"FICTION\", \"HISTORY\"]}}")))
                .containsExactly("b2", "b3");
        // Nulls sort as the largest value: first descending, last ascending.
        assertThat(ids(query("books", "\"sort\": [\"price:desc\"]"))).containsExactly("b3", "b1", "b2");
        assertThat(ids(query("books", "\"sort\": [\"publishedAt:asc\"]"))).containsExactly("b2", "b1", "b3");
        assertThat(ids(query("authors", "\"filters\": {\"profile\": {\"is_null\": false}}"))).containsExactly("a1");
    }

    @Test
    void wrongValuesAreRefusedWithTheirPath() {
        assertRefused(() -> query("books", "\"filters\": {\"genre\": \"POETRY\"}"), ErrorCode.DFQL_INVALID,
                "filters.genre");
        assertRefused(() -> query("books", "\"filters\": {\"price\": \"cheap\"}"), ErrorCode.DFQL_INVALID,
                "filters.price");
        assertRefused(() -> query("books", "\"filters\": {\"publishedAt\": {\"gt\": \"yesterday\"}}"),
                ErrorCode.DFQL_INVALID, "filters.publishedAt.gt");
        assertRefused(() -> query("books", "\"filters\": {\"pages\": 1.5}"), ErrorCode.DFQL_INVALID, "filters.pages");
        assertRefused(() -> query("authors", "\"filters\": {\"profile\": {\"eq\": 1}}"), ErrorCode.DFQL_INVALID,
                "filters.profile.eq");
        assertRefused(() -> mutate("books", "{\"title\": \"x\", \"isbn\": \"12-34\"}"), ErrorCode.VALIDATION_FAILED,
                "record.isbn");
        assertRefused(() -> mutate("books", "{\"title\": \"x\", \"price\": -1}"), ErrorCode.VALIDATION_FAILED,
                "record.price");
        // A json field takes any JSON value, but no more text than its column holds.
        assertRefused(() -> mutate("authors", "{\"name\": \"x\", \"profile\": [\"" + "x".repeat(1_000_000) + "\"]}"),
                ErrorCode.VALIDATION_FAILED, "record.profile");
        assertRefused(() -> mutate("authors", "{\"name\": \"x\", \"books\": [\"b1\"]}"), ErrorCode.DFQL_UNKNOWN_FIELD,
                "record.books");
    }

    @Test
    void theOneManySideFiltersAndExpands() {
        assertThat(ids(query("authors", "\"filters\": {\"books.genre\": \"HISTORY\"}"))).containsExactly("a1");
        assertThat(ids(query("authors", "\"filters\": {\"$not\": {\"books.rating\": {\"gt\": 4}}}")))
                .containsExactly("a2");
        QueryResult expanded = query("authors", "\"select\": [\"id\", \"books.title\"]");
        assertThat(expanded.data().get(0).get("books").toString())
                .isEqualTo("[{\"id\":\"b1\",\"title\":\"Engines\"},{\"id\":\"b2\",\"title\":\"Notes\"}]");
        assertThat(expanded.data().get(1).get("books").toString()).isEqualTo("[{\"id\":\"b3\",\"title\":\"Tales\"}]");
        QueryResult back = query("books", "\"select\": [\"id\", \"author.name\"], \"filters\": {\"id\": \"b3\"}");
        assertThat(back.data().get(0).get("author").toString()).isEqualTo("{\"id\":\"a2\",\"name\":\"Bo\"}");
    }

    @Test
    void theOneManySideIsWrittenThroughTheManySidesField() {
        Namespace own = TestDatabases.uniqueNamespace("one-many-write");
        datafn.mutate(own, null, json("{\"resource\": \"authors\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"a1\", \"name\": \"Ada\"}}"));
        datafn.mutate(own, null, json("{\"resource\": \"books\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"b1\", \"title\": \"Engines\"}}"));
        String relate = "{\"resource\": \"authors\", \"version\": 1, \"operation\": \"%s\", \"id\": \"a1\", "
                + "\"relation\": \"books\", \"targetId\": \"b1\"}";
        var related = datafn.mutate(own, null, json(relate.formatted("relate")));
        assertThat(related.affectedIds()).containsExactly("a1", "b1");
        assertThat(datafn.query(own, json("{\"resource\": \"books\", \"version\": 1}")).data().get(0)
                .get("authorId").textValue()).isEqualTo("a1");
        datafn.mutate(own, null, json(relate.formatted("unrelate")));
        assertThat(datafn.query(own, json("{\"resource\": \"books\", \"version\": 1}")).data().get(0)
                .get("authorId").isNull()).isTrue();
        assertThatThrownBy(() -> datafn.mutate(own, null, json(relate.formatted("unrelate"))))
                .isInstanceOfSatisfying(DataFnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.path()).isEqualTo("targetId");
                });
    }

    @Test
    void aggregatesUseEachTypesArithmetic() {
        QueryResult sums = query("books", "\"groupBy\": [\"authorId\"], \"aggregations\": {"
                + "\"pages\": {\"fn\": \"sum\", \"field\": \"pages\"}, \"price\": {\"fn\": \"sum\", \"field\": \"price\"}, "
                + "\"latest\": {\"fn\": \"max\", \"field\": \"publishedAt\"}, \"first\": {\"fn\": \"min\", \"field\": \"title\"}}");
        JsonNode a1 = sums.data().get(0);
        assertThat(a1.get("authorId").textValue()).isEqualTo("a1");
        assertThat(a1.get("pages").longValue()).isEqualTo(9_000_000_120L);
        assertThat(a1.get("price").decimalValue()).isEqualByComparingTo("13.49");
        assertThat(a1.get("latest").textValue()).isEqualTo("2026-03-01T10:15:30.123456Z");
        assertThat(a1.get("first").textValue()).isEqualTo("Engines");
    }

    @Test
    void valuesAreStoredExactlyAsAnswered() {
        Namespace exact = TestDatabases.uniqueNamespace("exact");
        var written = datafn.mutate(exact, null, json("{\"resource\": \"books\", \"version\": 1, \"operation\": "
                + "\"insert\", \"record\": {\"id\": \"b9\", \"title\": \"Exact\", \"price\": 1.5000000000, "
                + "\"publishedAt\": \"2026-01-01T00:00:00.123456789Z\"}}")).record();
        JsonNode read = datafn.query(exact, json("{\"resource\": \"books\", \"version\": 1}")).data().get(0);
        assertThat(written).isEqualTo(read);
        assertThat(read.get("publishedAt").textValue()).isEqualTo("2026-01-01T00:00:00.123456Z");
        assertRefused(() -> mutate("books", "{\"title\": \"x\", \"price\": 1e30}"), ErrorCode.DFQL_INVALID,
                "record.price");
        assertRefused(() -> mutate("books", "{\"title\": \"x\", \"price\": 0.12345678901}"), ErrorCode.DFQL_INVALID,
                "record.price");
    }

    @Test
    void sumsOfLongsAreExact() {
        Namespace other = TestDatabases.uniqueNamespace("big-sums");
        for (String id : new String[] {"x1", "x2"}) {
            datafn.mutate(other, null, json("{\"resource\": \"books\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"%s\", \"title\": \"t\", \"pages\": %d}}".formatted(id, Long.MAX_VALUE)));
        }
        QueryResult sum = datafn.query(other, json("{\"resource\": \"books\", \"version\": 1, "
                + "\"aggregations\": {\"pages\": {\"fn\": \"sum\", \"field\": \"pages\"}}}"));
        assertThat(sum.data().get(0).get("pages").bigIntegerValue())
                .isEqualTo(java.math.BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1));
    }

    private static void assertRefused(Runnable call, ErrorCode code, String path) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DataFnException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
        });
    }
}
