package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQL statements one write costs, so the write path cannot grow a statement unnoticed. */
abstract class AbstractWriteCostTest extends AbstractEngineTest {

    private final StatementCounter counter = new StatementCounter();
    private DataFn counted;

    @BeforeAll
    void open() {
        counted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .hibernateProperty("hibernate.session_factory.statement_inspector", counter).build();
    }

    @AfterAll
    void close() {
        counted.close();
    }

    private List<String> statementsFor(String ns, String mutation) {
        counter.drain();
        counted.mutate(ns, null, json(mutation));
        return counter.drain();
    }

    /**
     * An idempotent insert: look up the key, insert it, check the id is free, insert the row, take the
     * serverSeq (one statement that locks and advances the counter), log the change, store the result.
     */
    @Test
    void anIdempotentInsertCostsSevenStatementsAndEachLinkOneMore() {
        String ns = TestDatabases.uniqueNamespace("write-cost");
        statementsFor(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"name\": \"warm\"}}");
        List<String> insert = statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"m1\", \"record\": {\"title\": \"t\"}}");
        assertThat(insert).as(String.join("\n", insert)).hasSize(7);
        assertThat(insert.get(4)).as("the counter: one statement").containsIgnoringCase("update datafn_sequences");
        List<String> withTags = statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"m2\", \"record\": {\"title\": \"t\", \"tags\": [\"a\", \"b\", \"c\"]}}");
        assertThat(withTags).as("three links, one batched statement").hasSize(8);
        List<String> replay = statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"m1\", \"record\": {\"title\": \"t\"}}");
        assertThat(replay).as("a replay reads the stored result and nothing else").hasSize(1);
    }
}
