package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.query.typed.Page;
import dev.datafn.schema.Namespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DFQL's {@code search} block (seed 003): the search narrows, and the rest of DFQL still applies: filters,
 * relevance order by default or the query's sort, select, count, limit and cursors, aggregations, inside a
 * transaction; the same records as a query naming the ids found; the typed {@code TodoQuery.search}; bad
 * blocks refused with their path.
 */
@OnEveryDatabase
class SearchQueryTest extends AbstractJwtServedTest {

    /** A user with seven todos: five mention milk, the more often the better they match. */
    private String userWithTodos() {
        String token = newUser();
        insert(token, "td:m1", "milk", "milk milk milk", false, 1);
        insert(token, "td:m2", "milk", "milk milk", true, 2);
        insert(token, "td:m3", "milk", "milk", false, 3);
        insert(token, "td:m4", "milk and bread", null, true, 4);
        insert(token, "td:m5", "bread, eggs, butter, jam and milk", null, false, 5);
        insert(token, "td:o1", "walk the dog", null, false, 1);
        insert(token, "td:o2", "call mom", null, true, 2);
        return token;
    }

    private void insert(String token, String id, String title, String notes, boolean completed, int priority) {
        served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"completed\": " + completed
                + ", \"priority\": " + priority + (notes == null ? "" : ", \"notes\": \"" + notes + "\"") + "}}").assertOk();
    }

    private JsonNode query(String token, String members) {
        return served.send(token, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, " + members + "}")
                .assertOk().result();
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("data").forEach(r -> ids.add(r.get("id").textValue()));
        return ids;
    }

    @Test
    void theSearchNarrowsAndTheBestMatchesComeFirstUnlessTheQuerySorts() {
        String token = userWithTodos();
        List<String> relevance = ids(query(token, "\"search\": {\"query\": \"milk\"}"));
        assertThat(relevance).containsExactlyInAnyOrder("td:m1", "td:m2", "td:m3", "td:m4", "td:m5");
        assertThat(relevance.getFirst()).as("the most mentions first").isEqualTo("td:m1");
        assertThat(relevance.getLast()).as("the longest title with one mention last").isEqualTo("td:m5");

        assertThat(ids(query(token, "\"search\": {\"query\": \"milk\"}, \"filters\": {\"completed\": false}")))
                .containsExactly("td:m1", "td:m3", "td:m5");
        assertThat(ids(query(token, "\"search\": {\"query\": \"milk\"}, \"sort\": [\"priority:desc\"]")))
                .containsExactly("td:m5", "td:m4", "td:m3", "td:m2", "td:m1");
        assertThat(ids(query(token, "\"search\": {\"query\": \"milk\", \"fields\": [\"notes\"]}")))
                .containsExactly("td:m1", "td:m2", "td:m3");
        assertThat(ids(query(token, "\"search\": {\"query\": \"bre\", \"prefix\": true}")))
                .containsExactlyInAnyOrder("td:m4", "td:m5");
        assertThat(ids(query(token, "\"search\": {\"query\": \"mlik\", \"fuzzy\": 0.2}, \"limit\": 1")))
                .containsExactly("td:m1");
    }

    @Test
    void pagesInRelevanceOrderWithCursorOrOffsetReadEachMatchOnceWithTheTotal() {
        String token = userWithTodos();
        List<String> all = ids(query(token, "\"search\": {\"query\": \"milk\"}"));
        List<String> paged = new ArrayList<>();
        JsonNode page = query(token, "\"search\": {\"query\": \"milk\"}, \"limit\": 2, \"count\": true");
        assertThat(page.get("count").longValue()).isEqualTo(5);
        paged.addAll(ids(page));
        while (page.get("hasMore").booleanValue()) {
            page = query(token, "\"search\": {\"query\": \"milk\"}, \"limit\": 2, \"cursor\": \""
                    + page.get("nextCursor").textValue() + "\"");
            paged.addAll(ids(page));
        }
        assertThat(paged).isEqualTo(all);
        assertThat(ids(query(token, "\"search\": {\"query\": \"milk\"}, \"limit\": 2, \"offset\": 2")))
                .isEqualTo(all.subList(2, 4));

        List<String> sorted = new ArrayList<>();
        page = query(token, "\"search\": {\"query\": \"milk\"}, \"sort\": [\"priority:asc\"], \"limit\": 2");
        sorted.addAll(ids(page));
        while (page.get("hasMore").booleanValue()) {
            page = query(token, "\"search\": {\"query\": \"milk\"}, \"sort\": [\"priority:asc\"], \"limit\": 2, "
                    + "\"cursor\": \"" + page.get("nextCursor").textValue() + "\"");
            sorted.addAll(ids(page));
        }
        assertThat(sorted).containsExactly("td:m1", "td:m2", "td:m3", "td:m4", "td:m5");
    }

    @Test
    void theRecordsAreThoseOfAQueryNamingTheIdsAndSelectAndAggregationsStillApply() {
        String token = userWithTodos();
        JsonNode searched = query(token, "\"search\": {\"query\": \"milk\"}, \"sort\": [\"id:asc\"]");
        JsonNode named = query(token, "\"filters\": {\"id\": {\"in\": [\"td:m1\", \"td:m2\", \"td:m3\", \"td:m4\", "
                + "\"td:m5\"]}}, \"sort\": [\"id:asc\"]");
        assertThat(searched.get("data")).isEqualTo(named.get("data"));

        JsonNode titles = query(token, "\"search\": {\"query\": \"milk\"}, \"select\": [\"title\"], \"limit\": 2");
        assertThat(titles.get("data").get(0).has("id")).as("id not selected").isFalse();
        assertThat(titles.get("data").get(0).get("title").textValue()).isEqualTo("milk");

        JsonNode groups = query(token, "\"search\": {\"query\": \"milk\"}, \"groupBy\": [\"completed\"], "
                + "\"aggregations\": {\"n\": {\"fn\": \"count\"}}, \"sort\": [\"completed:asc\"]");
        assertThat(groups.get("data").toString()).isEqualTo("[{\"completed\":false,\"n\":3},{\"completed\":true,\"n\":2}]");

        JsonNode tx = served.send(token, "POST", "/transact", "{\"transactionId\": \"t\", \"atomic\": true, \"steps\": "
                + "[{\"query\": {\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": \"dog\"}}}]}")
                .assertOk().result();
        assertThat(tx.toString()).contains("td:o1").doesNotContain("td:m1");
    }

    @Test
    void theTypedQuerySearches() {
        String token = userWithTodos();
        assertThat(TodoQuery.all().search("milk").toDfql().get("search").toString()).isEqualTo("{\"query\":\"milk\"}");
        assertThat(TodoQuery.all().search("mil", true, 0.2).toDfql().get("search").toString())
                .isEqualTo("{\"query\":\"mil\",\"prefix\":true,\"fuzzy\":0.2}");
        Namespace namespace = Namespace.user(jwt.verify(token).userId());
        Page<Todo> page = new TodoRepository(served.datafn(), namespace)
                .find(TodoQuery.where(TodoFields.COMPLETED.eq(true)).search("milk"));
        assertThat(page.items()).extracting(Todo::id).containsExactlyInAnyOrder("td:m2", "td:m4");
    }

    @Test
    void badSearchBlocksAreRefusedWithTheirPath() {
        String token = userWithTodos();
        String[][] cases = {
                {"\"search\": \"milk\"", "search"},
                {"\"search\": {}", "search.query"},
                {"\"search\": {\"query\": \"%%\"}", "search.query"},
                {"\"search\": {\"query\": \"milk\", \"boost\": 2}", "search.boost"},
                {"\"search\": {\"query\": \"milk\", \"fields\": []}", "search.fields"},
                {"\"search\": {\"query\": \"milk\", \"fields\": [\"title\", \"completed\"]}", "search.fields[1]"},
                {"\"search\": {\"query\": \"milk\", \"fields\": [\"title\"], \"fieldBoosts\": {\"notes\": 2}}",
                        "search.fieldBoosts.notes"},
                {"\"search\": {\"query\": \"milk\", \"fuzzy\": 3}", "search.fuzzy"},
                {"\"search\": {\"query\": \"milk\", \"prefix\": 1}", "search.prefix"},
                {"\"search\": {\"query\": \"milk\"}, \"cursor\": \"bm90IGEgY3Vyc29y\"", "cursor"},
        };
        for (String[] bad : cases) {
            served.send(token, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, " + bad[0] + "}")
                    .assertError(400, "DFQL_INVALID", bad[1]);
        }
        served.send(token, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": "
                + "\"milk\", \"fields\": [\"nope\"]}}").assertError(400, "DFQL_UNKNOWN_FIELD", "search.fields[0]");
        served.send(token, "POST", "/query", "{\"resource\": \"tags\", \"version\": 1, \"search\": {\"query\": \"x\"}}")
                .assertError(400, "DFQL_INVALID", "search");
        String sortedCursor = query(token, "\"search\": {\"query\": \"milk\"}, \"sort\": [\"priority:asc\"], \"limit\": 1")
                .get("nextCursor").textValue();
        served.send(token, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": "
                + "\"milk\"}, \"cursor\": \"" + sortedCursor + "\"}").assertError(400, "DFQL_INVALID", "cursor");
    }
}
