package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * A streamed clone costs the same statements whatever the size of its tables: one query per table and one
 * per many-many relation, read in one pass, never one per chunk of rows nor per row.
 */
@OnEveryDatabase
class CloneCostTest extends AbstractEngineTest {

    /** More than two fetches of the clone's rows, so a cost per chunk would show. */
    private static final int LARGE = 1_201;

    private final StatementCounter counter = new StatementCounter();
    private final Namespace small = TestDatabases.uniqueNamespace("clonecost");
    private final Namespace large = TestDatabases.uniqueNamespace("clonecost");
    private DataFn counted;

    @BeforeParameterizedClassInvocation
    void seed() {
        counted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .hibernateProperty("hibernate.session_factory.statement_inspector", counter).build();
        fill(small, 3);
        fill(large, LARGE);
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (counted != null) {
            counted.close();
            counted = null;
        }
    }

    /** Two tags, and todos of which every third has both (listed out of order) and the rest none. */
    private void fill(Namespace ns, int todos) {
        counted.seed(ns, "seeder", json("{\"data\": {\"tags\": [{\"id\": \"g1\", \"name\": \"home\"}, "
                + "{\"id\": \"g2\", \"name\": \"work\"}]}}"));
        for (int from = 0; from < todos; from += 400) {
            List<String> records = new ArrayList<>();
            for (int i = from; i < Math.min(todos, from + 400); i++) {
                records.add("{\"id\": \"t%05d\", \"title\": \"todo %d\"%s}".formatted(i, i,
                        i % 3 == 0 ? ", \"tags\": [\"g2\", \"g1\"]" : ""));
            }
            counted.seed(ns, "seeder", json("{\"data\": {\"todos\": [" + String.join(", ", records) + "]}}"));
        }
    }

    private int statementsFor(Namespace ns, int todos) {
        counter.reset();
        ObjectNode clone = counted.clone(ns, json("{\"version\": 1, \"tables\": [\"todos\", \"tags\"]}"));
        int statements = counter.reset();
        JsonNode rows = clone.at("/data/todos");
        assertThat(rows).hasSize(todos);
        for (int i = 0; i < todos; i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("id").textValue()).isEqualTo("t%05d".formatted(i));
            assertThat(row.get("tags").toString()).as(row.get("id").textValue())
                    .isEqualTo(i % 3 == 0 ? "[\"g1\",\"g2\"]" : "[]");
        }
        assertThat(clone.at("/data/tags")).hasSize(2);
        return statements;
    }

    @Test
    void aStreamedCloneCostsOneQueryPerTableAndRelationWhateverItsSize() {
        int few = statementsFor(small, 3);
        int many = statementsFor(large, LARGE);
        assertThat(many).isEqualTo(few);
        // the settled seq, the todos, their tag links, the tags
        assertThat(many).isEqualTo(4);
    }
}
