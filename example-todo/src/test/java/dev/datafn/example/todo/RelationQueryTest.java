package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.db.QueryResult;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Relations in queries: filters through relations (subqueries, never in-memory scans), relation
 * expansion in select, the newer string and range operators, and the namespace walls around both.
 */
@OnEveryDatabase
class RelationQueryTest extends AbstractEngineTest {

    private final Namespace ns = TestDatabases.uniqueNamespace("relations");
    private final Namespace intruder = TestDatabases.uniqueNamespace("intruder");

    @BeforeParameterizedClassInvocation
    void seed() {
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p-home\", \"name\": \"Home\", \"color\": \"green\"}}");
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p-work\", \"name\": \"Work\"}}");
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g-urgent\", \"name\": \"urgent\"}}");
        mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g-family\", \"name\": \"family\"}}");
        insertTodo(ns, "{\"id\": \"r1\", \"title\": \"Fix 100% of the roof_tiles\", \"projectId\": \"p-home\", \"tags\": [\"g-urgent\", \"g-family\"], \"priority\": 5}");
        insertTodo(ns, "{\"id\": \"r2\", \"title\": \"Write the report\", \"projectId\": \"p-work\", \"tags\": [\"g-urgent\"], \"priority\": 3}");
        insertTodo(ns, "{\"id\": \"r3\", \"title\": \"Call grandma\", \"projectId\": \"p-home\", \"priority\": 1}");
        insertTodo(ns, "{\"id\": \"r4\", \"title\": \"Loose end\", \"tags\": [\"g-gone\"]}");
        // Another namespace holds look-alike rows that must never leak into the first one's results.
        mutate(intruder, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p-work\", \"name\": \"Home\"}}");
        mutate(intruder, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"g-gone\", \"name\": \"urgent\"}}");
        insertTodo(intruder, "{\"id\": \"x1\", \"title\": \"Intruder\", \"projectId\": \"p-home\", \"tags\": [\"g-urgent\"]}");
    }

    private QueryResult todos(Namespace ns, String rest) {
        return query(ns, "{\"resource\": \"todos\", \"version\": 1, " + rest + "}");
    }

    @Test
    void filtersFollowManyOneAndManyManyRelationsWithinTheNamespace() {
        assertThat(ids(todos(ns, "\"filters\": {\"project.name\": \"Home\"}"))).containsExactly("r1", "r3");
        assertThat(ids(todos(ns, "\"filters\": {\"project.color\": {\"is_null\": true}}"))).containsExactly("r2");
        assertThat(ids(todos(ns, "\"filters\": {\"tags.name\": {\"eq\": \"urgent\"}}"))).containsExactly("r1", "r2");
        assertThat(ids(todos(ns, "\"filters\": {\"$not\": {\"tags.name\": \"family\"}}, \"sort\": [\"id:asc\"]")))
                .containsExactly("r2", "r3", "r4");
        // r4 links to g-gone, which exists only in the intruder namespace, where it is called "urgent".
        assertThat(ids(todos(ns, "\"filters\": {\"tags.name\": \"urgent\", \"id\": \"r4\"}"))).isEmpty();
        // The intruder's todo points at p-home and g-urgent, which are not its rows.
        assertThat(ids(todos(intruder, "\"filters\": {\"project.name\": \"Home\"}"))).isEmpty();
        assertThat(ids(todos(intruder, "\"filters\": {\"tags.name\": \"urgent\"}"))).isEmpty();
    }

    @Test
    void expandedRelationsArriveWithTheirRecords() {
        QueryResult page = todos(ns, "\"select\": [\"id\", \"title\", \"project.name\", \"tags.*\"], \"sort\": [\"id:asc\"]");
        assertThat(page.data().get(0).get("project").toString()).isEqualTo("{\"id\":\"p-home\",\"name\":\"Home\"}");
        assertThat(page.data().get(0).get("tags").toString())
                .as("many-many links are a set, answered in id order")
                .isEqualTo("[{\"id\":\"g-family\",\"name\":\"family\"},{\"id\":\"g-urgent\",\"name\":\"urgent\"}]");
        assertThat(page.data().get(3).get("project").isNull()).isTrue();
        assertThat(page.data().get(3).get("tags").size()).as("a link to a foreign row shows nothing").isZero();
        QueryResult intruders = todos(intruder, "\"select\": [\"project.*\", \"tags.*\"]");
        assertThat(intruders.data().get(0).get("project").isNull()).isTrue();
        assertThat(intruders.data().get(0).get("tags").size()).isZero();
        assertThat(intruders.data().get(0).get("title").textValue()).isEqualTo("Intruder");
    }

    @Test
    void stringRangeAndMembershipOperators() {
        assertThat(ids(todos(ns, "\"filters\": {\"title\": {\"contains\": \"100%\"}}"))).containsExactly("r1");
        assertThat(ids(todos(ns, "\"filters\": {\"title\": {\"contains\": \"s_t\"}}"))).isEmpty();
        assertThat(ids(todos(ns, "\"filters\": {\"title\": {\"startswith\": \"Write\"}}"))).containsExactly("r2");
        assertThat(ids(todos(ns, "\"filters\": {\"title\": {\"istartswith\": \"write\"}}"))).containsExactly("r2");
        assertThat(ids(todos(ns, "\"filters\": {\"title\": {\"endswith\": \"tiles\"}}"))).containsExactly("r1");
        assertThat(ids(todos(ns, "\"filters\": {\"title\": {\"iendswith\": \"GRANDMA\"}}"))).containsExactly("r3");
        assertThat(ids(todos(ns, "\"filters\": {\"priority\": {\"between\": [1, 3]}}, \"sort\": [\"priority:asc\"]")))
                .containsExactly("r3", "r2");
        assertThat(ids(todos(ns, "\"filters\": {\"tags\": {\"contains\": \"g-family\"}}"))).containsExactly("r1");
    }

    @Test
    void relationMistakesAreRefusedWithPaths() {
        assertError(() -> todos(ns, "\"filters\": {\"owner.name\": \"x\"}"), ErrorCode.DFQL_UNKNOWN_RELATION,
                "filters.owner.name", "no relation 'owner'");
        assertError(() -> todos(ns, "\"filters\": {\"project.title\": \"x\"}"), ErrorCode.DFQL_UNKNOWN_FIELD,
                "filters.project.title", "no field 'title'");
        assertError(() -> todos(ns, "\"select\": [\"owner.*\"]"), ErrorCode.DFQL_UNKNOWN_RELATION, "select[0]",
                "no relation 'owner'");
        assertError(() -> todos(ns, "\"select\": [\"project.owner.name\"]"), ErrorCode.DFQL_UNSUPPORTED, "select[0]",
                "nested");
        assertError(() -> todos(ns, "\"filters\": {\"completed\": {\"startswith\": \"t\"}}"), ErrorCode.DFQL_INVALID,
                "filters.completed.startswith", "does not apply");
        assertError(() -> todos(ns, "\"filters\": {\"tags\": {\"contains\": 3}}"), ErrorCode.DFQL_INVALID,
                "filters.tags.contains", "one id string");
    }
}
