package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.db.QueryResult;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.sequence.DatabaseSequenceStore;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The SQL statements a read costs, pinned by count: a record by id, a page and the next page by cursor are
 * one statement each (plus one for the page's many-many links when they are selected), reading only the
 * selected columns; relation expansion is one batched query per relation per page, never one per record
 * (no N+1), whatever the page's size.
 */
@OnEveryDatabase
class QueryCostTest extends AbstractEngineTest {

    private final StatementCounter counter = new StatementCounter();
    private final Namespace ns = TestDatabases.uniqueNamespace("cost");
    private DataFn counted;
    private QueryInterpretationCache translations;

    @BeforeParameterizedClassInvocation
    void seed() {
        // Without the search index, whose catch-up would add statements of its own.
        counted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).search(false)
                .hibernateProperty("hibernate.session_factory.statement_inspector", counter)
                .sequenceStore(store -> {
                    translations = store.sessionFactory().unwrap(SessionFactoryImplementor.class).getQueryEngine()
                            .getInterpretationCache();
                    return new DatabaseSequenceStore(store);
                })
                .build();
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

    @Test
    void aRecordByIdIsOneStatementAndItsTagLinksOneMore() {
        String id = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}"))
                .data().getFirst().get("id").textValue();
        counter.reset();
        QueryResult whole = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, "
                + "\"filters\": {\"id\": \"%s\"}}".formatted(id)));
        assertThat(whole.data()).hasSize(1);
        assertThat(whole.data().getFirst().get("tags")).hasSize(2);
        assertThat(counter.drain()).as("the record, then its tag links").hasSize(2);

        QueryResult narrow = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, "
                + "\"select\": [\"id\", \"title\"], \"filters\": {\"id\": \"%s\"}}".formatted(id)));
        assertThat(narrow.data().getFirst().size()).isEqualTo(2);
        List<String> statements = counter.drain();
        assertThat(statements).as("the record alone: no id list selected").hasSize(1);
        assertThat(statements.getFirst()).as("only the selected columns are read")
                .contains("title").doesNotContain("notes").doesNotContain("due_date").doesNotContain("todos_tags");
    }

    @Test
    void aPageAndTheNextByCursorAreOneStatementEachWhateverTheirSize() {
        String page = "{\"resource\": \"todos\", \"version\": 1, \"limit\": %d, \"sort\": [\"priority:desc\"], "
                + "\"select\": [\"id\", \"title\", \"priority\"]%s}";
        counter.reset();
        QueryResult first = counted.query(ns, json(page.formatted(5, "")));
        assertThat(counter.reset()).as("page 1 of 5").isEqualTo(1);
        counted.query(ns, json(page.formatted(25, "")));
        assertThat(counter.reset()).as("page 1 of 25").isEqualTo(1);
        QueryResult second = counted.query(ns, json(page.formatted(5, ", \"cursor\": \"" + first.nextCursor() + "\"")));
        assertThat(second.data()).hasSize(5);
        assertThat(counter.reset()).as("page 2 by cursor").isEqualTo(1);
        counted.query(ns, json(page.formatted(5, ", \"count\": true")));
        assertThat(counter.reset()).as("a page with its count").isEqualTo(2);
    }

    @Test
    void aQueryShapeIsTranslatedToSqlOnceWhateverItsValues() {
        List<String> ids = counted.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 4, "
                + "\"select\": [\"id\"]}")).data().stream().map(r -> r.get("id").textValue()).toList();
        String shape = "{\"resource\": \"todos\", \"version\": 1, \"select\": [\"id\", \"notes\", \"tags\"], "
                + "\"filters\": {\"id\": {\"in\": %s}, \"priority\": {\"gte\": %d}}}";
        for (int size : new int[] {1, 3}) {
            translations.close();
            counted.query(ns, json(shape.formatted(Json.MAPPER.valueToTree(ids.subList(0, size)), 0)));
            assertThat(translations.getNumberOfCachedQueryPlans()).as("the page's and its links' statements, "
                    + size + " id(s), are translated once and kept").isEqualTo(2);
            for (int round = 1; round <= 3; round++) {
                List<String> others = ids.subList(round % 2, round % 2 + size);
                QueryResult again = counted.query(ns, json(shape.formatted(Json.MAPPER.valueToTree(others), round)));
                assertThat(again.data().size()).isLessThanOrEqualTo(size);
            }
            assertThat(translations.getNumberOfCachedQueryPlans()).as("other values reuse the translations")
                    .isEqualTo(2);
        }
    }
}
