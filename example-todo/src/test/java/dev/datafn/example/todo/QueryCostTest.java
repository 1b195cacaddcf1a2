package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.db.QueryResult;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The number of SQL statements a page costs does not grow with the page: relation expansion is one
 * batched query per relation per page, never one per record (no N+1).
 */
@OnEveryDatabase
class QueryCostTest extends AbstractEngineTest {

    private final StatementCounter counter = new StatementCounter();
    private final Namespace ns = TestDatabases.uniqueNamespace("cost");
    private DataFn counted;

    @BeforeParameterizedClassInvocation
    void seed() {
        counted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .hibernateProperty("hibernate.session_factory.statement_inspector", counter).build();
        for (int p = 0; p < 6; p++) {
            mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": "
                    + "{\"id\": \"p%d\", \"name\": \"Project %d\"}}".formatted(p, p));
            mutate(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": "
                    + "{\"id\": \"g%d\", \"name\": \"tag %d\"}}".formatted(p, p));
        }
        for (int i = 0; i < 30; i++) {
            insertTodo(ns, "{\"title\": \"t%d\", \"projectId\": \"p%d\", \"tags\": [\"g%d\", \"g%d\"]}"
                    .formatted(i, i % 6, i % 6, (i + 1) % 6));
        }
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (counted != null) {
            counted.close();
            counted = null;
        }
    }

    private int statementsFor(int limit, String select) {
        counter.reset();
        QueryResult page = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": %d, \"select\": %s}"
                .formatted(limit, select)));
        assertThat(page.data()).hasSize(limit);
        return counter.reset();
    }

    @Test
    void expandingRelationsCostsOneQueryPerRelationWhateverThePageSize() {
        String select = "[\"id\", \"title\", \"project.*\", \"tags.*\"]";
        int small = statementsFor(2, select);
        int large = statementsFor(30, select);
        assertThat(large).isEqualTo(small);
        // page + the page's tag links + projects + tags
        assertThat(large).isEqualTo(4);
        QueryResult check = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 30, "
                + "\"select\": " + select + "}"));
        assertThat(check.data()).allSatisfy(row -> {
            assertThat(row.get("project").get("id").textValue()).startsWith("p");
            assertThat(row.get("tags")).hasSize(2);
        });
    }

    @Test
    void relationFiltersAreSubqueriesNotExtraRoundTrips() {
        counter.reset();
        QueryResult page = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"count\": true, "
                + "\"select\": [\"id\"], \"filters\": {\"project.name\": \"Project 1\", \"tags.name\": \"tag 2\"}}"));
        assertThat(page.count()).isEqualTo(5);
        assertThat(counter.reset()).as("the page and its count").isEqualTo(2);
    }
}
