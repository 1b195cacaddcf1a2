package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.QueryResult;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** groupBy / aggregations / having, executed by the database; answers checked against hand counts. */
@OnEveryDatabase
class AggregationTest extends AbstractEngineTest {

    private final Namespace ns = TestDatabases.uniqueNamespace("aggregate");

    @BeforeParameterizedClassInvocation
    void seed() {
        insertTodo(ns, "{\"title\": \"a\", \"completed\": true, \"priority\": 1, \"projectId\": \"p1\", \"dueDate\": \"2026-01-05\"}");
        insertTodo(ns, "{\"title\": \"b\", \"completed\": true, \"priority\": 4, \"projectId\": \"p1\", \"dueDate\": \"2026-03-01\"}");
        insertTodo(ns, "{\"title\": \"c\", \"completed\": false, \"priority\": 2, \"projectId\": \"p2\"}");
        insertTodo(ns, "{\"title\": \"d\", \"completed\": false, \"priority\": 5, \"projectId\": \"p1\", \"dueDate\": \"2026-02-02\"}");
        insertTodo(ns, "{\"title\": \"e\", \"completed\": false, \"priority\": 5}");
        // Rows of another namespace must not be counted.
        insertTodo(TestDatabases.uniqueNamespace("aggregate-other"), "{\"title\": \"x\", \"completed\": true, \"priority\": 5}");
    }

    private QueryResult todos(String rest) {
        return query(ns, "{\"resource\": \"todos\", \"version\": 1, " + rest + "}");
    }

    @Test
    void groupsWithEveryAggregateFunction() {
        QueryResult groups = todos("""
                "groupBy": ["completed"],
                "aggregations": {"n": {"fn": "count"}, "total": {"fn": "sum", "field": "priority"},
                  "mean": {"fn": "avg", "field": "priority"}, "first": {"fn": "min", "field": "dueDate"},
                  "last": {"fn": "max", "field": "title"}, "projects": {"fn": "countDistinct", "field": "projectId"},
                  "withProject": {"fn": "count", "field": "projectId"}}""");
        assertThat(groups.data()).hasSize(2);
        assertThat(groups.data().get(0).toString()).isEqualTo("{\"completed\":false,\"n\":3,\"total\":12,\"mean\":4.0,"
                + "\"first\":\"2026-02-02\",\"last\":\"e\",\"projects\":2,\"withProject\":2}");
        assertThat(groups.data().get(1).toString()).isEqualTo("{\"completed\":true,\"n\":2,\"total\":5,\"mean\":2.5,"
                + "\"first\":\"2026-01-05\",\"last\":\"b\",\"projects\":1,\"withProject\":2}");
    }

    @Test
    void havingSortAndFilterApplyToGroups() {
        QueryResult groups = todos("""
                "filters": {"priority": {"gte": 2}}, "groupBy": ["projectId"],
                "aggregations": {"n": {"fn": "count"}, "top": {"fn": "max", "field": "priority"}},
                "having": {"n": {"gte": 1}, "top": {"lt": 6}}, "sort": ["n:desc", "projectId:asc"]""");
        assertThat(groups.data()).extracting(Object::toString).containsExactly(
                "{\"projectId\":\"p1\",\"n\":2,\"top\":5}",
                "{\"projectId\":\"p2\",\"n\":1,\"top\":2}",
                "{\"projectId\":null,\"n\":1,\"top\":5}");
        QueryResult big = todos("\"groupBy\": [\"projectId\"], \"aggregations\": {\"n\": {\"fn\": \"count\"}}, "
                + "\"having\": {\"n\": {\"gt\": 1}}");
        assertThat(big.data()).extracting(Object::toString).containsExactly("{\"projectId\":\"p1\",\"n\":3}");
        QueryResult total = todos("\"aggregations\": {\"n\": {\"fn\": \"count\"}, \"sum\": {\"fn\": \"sum\", \"field\": \"priority\"}}");
        assertThat(total.data()).extracting(Object::toString).containsExactly("{\"n\":5,\"sum\":17}");
        QueryResult paged = todos("\"groupBy\": [\"priority\"], \"limit\": 2, \"offset\": 1");
        assertThat(paged.data()).extracting(Object::toString).containsExactly("{\"priority\":2}", "{\"priority\":4}");
        assertThat(paged.hasMore()).isTrue();
    }

    @Test
    void groupsThatSortAlikeComeInGroupKeyOrder() {
        // The requested order leaves ties; the group keys, ascending with nulls last, break them alike on
        // every database (H2 put the null project first, PostgreSQL last, and ties came in any order).
        QueryResult groups = todos("""
                "groupBy": ["completed", "projectId"], "aggregations": {"n": {"fn": "count"}},
                "sort": ["completed:desc"]""");
        assertThat(groups.data()).extracting(Object::toString).containsExactly(
                "{\"completed\":true,\"projectId\":\"p1\",\"n\":2}",
                "{\"completed\":false,\"projectId\":\"p1\",\"n\":1}",
                "{\"completed\":false,\"projectId\":\"p2\",\"n\":1}",
                "{\"completed\":false,\"projectId\":null,\"n\":1}");
        QueryResult byCount = todos("""
                "groupBy": ["priority"], "aggregations": {"n": {"fn": "count"}}, "sort": ["n:asc"], "limit": 2,
                "offset": 1""");
        assertThat(byCount.data()).extracting(Object::toString).containsExactly("{\"priority\":2,\"n\":1}",
                "{\"priority\":4,\"n\":1}");
    }

    @Test
    void aggregationMistakesAreRefusedWithPaths() {
        assertError(() -> todos("\"aggregations\": {\"s\": {\"fn\": \"avg\", \"field\": \"title\"}}"),
                ErrorCode.DFQL_INVALID, "aggregations.s.field", "does not apply");
        assertError(() -> todos("\"groupBy\": [\"tags\"]"), ErrorCode.DFQL_INVALID, "groupBy[0]", "cannot sort");
        assertError(() -> todos("\"groupBy\": [\"completed\"], \"having\": {\"nope\": 1}"),
                ErrorCode.DFQL_UNKNOWN_FIELD, "having.nope", "neither a group field");
        assertError(() -> todos("\"groupBy\": [\"completed\"], \"aggregations\": {\"completed\": {\"fn\": \"count\"}}"),
                ErrorCode.DFQL_INVALID, "aggregations.completed", "choose another alias");
        assertError(() -> todos("\"having\": {\"n\": 1}"), ErrorCode.DFQL_INVALID, "having", "needs groupBy");
        assertError(() -> todos("\"aggregations\": {\"n\": {\"fn\": \"count\"}}, \"having\": {\"n\": \"many\"}"),
                ErrorCode.DFQL_INVALID, "having.n", "expects an integer");
    }
}
