package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.QueryResult;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** DFQL queries against stored data: filters, operators, sort, paging, projection and every error. */
@OnEveryDatabase
class QueryTest extends AbstractEngineTest {

    private final Namespace ns = TestDatabases.uniqueNamespace("query");

    @BeforeParameterizedClassInvocation
    void seed() {
        insertTodo(ns, """
                {"id": "q1", "title": "Buy milk", "priority": 1, "dueDate": "2026-12-01", "notes": "2 litres"}""");
        insertTodo(ns, """
                {"id": "q2", "title": "Write report", "priority": 4, "completed": true, "dueDate": "2026-11-30"}""");
        insertTodo(ns, """
                {"id": "q3", "title": "buy bread", "priority": 2}""");
        insertTodo(ns, """
                {"id": "q4", "title": "Call mum", "priority": 5, "tags": ["tg_family"]}""");
    }

    private QueryResult todos(String rest) {
        return query(ns, "{\"resource\": \"todos\", \"version\": 1" + (rest.isEmpty() ? "" : ", " + rest) + "}");
    }

    @Test
    void implicitEqualityFiltersAndDefaultsAreApplied() {
        QueryResult open = todos("\"filters\": {\"completed\": false}, \"sort\": [\"title:asc\"]");
        assertThat(ids(open)).containsExactly("q1", "q4", "q3");
        assertThat(field(open, 0, "priority").intValue()).isEqualTo(1);
        assertThat(field(open, 2, "completed").booleanValue()).isFalse();
        assertThat(field(open, 0, "createdAt").textValue()).endsWith("Z");
    }

    @Test
    void comparisonOperators() {
        assertThat(ids(todos("\"filters\": {\"priority\": {\"gt\": 2}}, \"sort\": [\"priority:asc\"]")))
                .containsExactly("q2", "q4");
        assertThat(ids(todos("\"filters\": {\"priority\": {\"gte\": 2, \"lte\": 4}}, \"sort\": [\"priority:asc\"]")))
                .containsExactly("q3", "q2");
        assertThat(ids(todos("\"filters\": {\"priority\": {\"$lt\": 2}}"))).containsExactly("q1");
        assertThat(ids(todos("\"filters\": {\"priority\": {\"ne\": 5}}, \"sort\": [\"priority:desc\"]")))
                .containsExactly("q2", "q3", "q1");
        assertThat(ids(todos("\"filters\": {\"dueDate\": {\"lt\": \"2026-12-01\"}}"))).containsExactly("q2");
    }

    @Test
    void setPatternAndNullOperators() {
        assertThat(ids(todos("\"filters\": {\"id\": {\"in\": [\"q1\", \"q3\", \"nope\"]}}"))).containsExactly("q1", "q3");
        assertThat(ids(todos("\"filters\": {\"id\": {\"nin\": [\"q1\", \"q3\"]}}"))).containsExactly("q2", "q4");
        assertThat(ids(todos("\"filters\": {\"title\": {\"like\": \"Buy%\"}}"))).containsExactly("q1");
        assertThat(ids(todos("\"filters\": {\"title\": {\"ilike\": \"buy%\"}}"))).containsExactly("q1", "q3");
        assertThat(ids(todos("\"filters\": {\"dueDate\": {\"is_null\": true}}"))).containsExactly("q3", "q4");
        assertThat(ids(todos("\"filters\": {\"notes\": {\"is_not_null\": true}}"))).containsExactly("q1");
        assertThat(ids(todos("\"filters\": {\"tags\": {\"is_null\": false}}"))).containsExactly("q4");
    }

    @Test
    void logicalGroupsNest() {
        assertThat(ids(todos("""
                "filters": {"$or": [{"priority": 5}, {"$and": [{"completed": true}, {"priority": {"gte": 4}}]}]}""")))
                .containsExactly("q2", "q4");
        assertThat(ids(todos("\"filters\": {\"$not\": {\"completed\": false}}"))).containsExactly("q2");
    }

    @Test
    void sortLimitOffsetCountSelectOmit() {
        QueryResult page = todos("""
                "sort": ["priority:desc"], "limit": 2, "offset": 1, "count": true, "select": ["id", "title"]""");
        assertThat(ids(page)).containsExactly("q2", "q3");
        assertThat(page.count()).isEqualTo(4);
        assertThat(page.hasMore()).isTrue();
        assertThat(page.data().get(0).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("id", "title");
        QueryResult omitted = todos("\"omit\": [\"notes\", \"tags\"], \"limit\": 1");
        assertThat(omitted.data().get(0).has("notes")).isFalse();
        assertThat(omitted.data().get(0).has("title")).isTrue();
        assertThat(omitted.hasMore()).isTrue();
    }

    @Test
    void limitZeroOnlyCounts() {
        QueryResult counted = todos("\"limit\": 0, \"count\": true");
        assertThat(counted.data()).isEmpty();
        assertThat(counted.count()).isEqualTo(4);
        assertThat(counted.hasMore()).isFalse();
        assertThat(counted.nextCursor()).isNull();
    }

    @Test
    void relationIdListsComeBackWithEachRecord() {
        QueryResult withTags = todos("\"filters\": {\"id\": \"q4\"}");
        assertThat(field(withTags, 0, "tags").get(0).textValue()).isEqualTo("tg_family");
        assertThat(field(todos("\"filters\": {\"id\": \"q1\"}"), 0, "tags").size()).isZero();
    }

    @Test
    void badQueriesAreRefusedWithCodeAndPath() {
        assertError(() -> query(ns, "{\"resource\": \"todo\", \"version\": 1}"),
                ErrorCode.DFQL_UNKNOWN_RESOURCE, "resource", "unknown resource 'todo'");
        assertError(() -> query(ns, "{\"resource\": \"todos\", \"version\": 2}"),
                ErrorCode.DFQL_INVALID, "version", "version 1");
        assertError(() -> query(ns, "{\"resource\": \"todos\"}"), ErrorCode.DFQL_INVALID, "version", "required");
        assertError(() -> todos("\"filters\": {\"titel\": \"x\"}"),
                ErrorCode.DFQL_UNKNOWN_FIELD, "filters.titel", "no field 'titel'");
        assertError(() -> todos("\"filters\": {\"priority\": \"high\"}"),
                ErrorCode.DFQL_INVALID, "filters.priority", "expects an integer");
        assertError(() -> todos("\"filters\": {\"completed\": {\"gt\": true}}"),
                ErrorCode.DFQL_INVALID, "filters.completed.gt", "does not apply");
        assertError(() -> todos("\"filters\": {\"priority\": {\"like\": \"1%\"}}"),
                ErrorCode.DFQL_INVALID, "filters.priority.like", "does not apply");
        assertError(() -> todos("\"filters\": {\"priority\": {\"near\": 1}}"),
                ErrorCode.DFQL_INVALID, "filters.priority.near", "unknown operator");
        assertError(() -> todos("\"filters\": {\"$or\": [{\"id\": \"q1\"}, {\"dueDate\": {\"gt\": \"soon\"}}]}"),
                ErrorCode.DFQL_INVALID, "filters.$or[1].dueDate.gt", "date");
        assertError(() -> todos("\"limit\": 51"), ErrorCode.DFQL_INVALID, "limit", "maxLimit");
        assertError(() -> todos("\"limit\": -1"), ErrorCode.DFQL_INVALID, "limit", "0 or more");
        assertError(() -> todos("\"sort\": [\"priority:up\"]"), ErrorCode.DFQL_INVALID, "sort[0]", "field:asc");
        assertError(() -> todos("\"sort\": [\"tags:asc\"]"), ErrorCode.DFQL_INVALID, "sort[0]", "cannot sort");
        assertError(() -> todos("\"select\": [\"id\", \"nope\"]"), ErrorCode.DFQL_UNKNOWN_FIELD, "select[1]", "nope");
        assertError(() -> todos("\"filter\": {}"), ErrorCode.DFQL_INVALID, "filter", "unknown member");
        assertError(() -> todos("\"search\": {\"query\": \"\"}"), ErrorCode.DFQL_INVALID, "search.query", "no word");
    }
}
