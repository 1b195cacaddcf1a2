package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The SQL statements one write costs, so the write path cannot grow a statement unnoticed. */
@OnEveryDatabase
class WriteCostTest extends AbstractEngineTest {

    private final StatementCounter counter = new StatementCounter();
    private DataFn counted;

    @BeforeParameterizedClassInvocation
    void open() {
        // With the search index: its catch-ups run on a thread of their own, which the counter keeps apart.
        counted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .hibernateProperty("hibernate.session_factory.statement_inspector", counter).build();
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (counted != null) {
            counted.close();
            counted = null;
        }
    }

    private List<String> statementsFor(Namespace ns, String mutation) {
        counter.drain();
        counted.mutate(ns, null, json(mutation));
        return counter.drain();
    }

    /**
     * An idempotent insert, applied without looking first: insert the key and the row, take the serverSeq
     * (one statement that locks and advances the counter), log the change, store the result. With links
     * it looks first (the link rows need the row): look up the key, insert it, check the id is free,
     * insert the row, insert the links in one batch, take the serverSeq, log, store the result.
     */
    @Test
    void anIdempotentInsertCostsFiveStatementsAndWithLinksEight() {
        Namespace ns = TestDatabases.uniqueNamespace("write-cost");
        statementsFor(ns, "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"name\": \"warm\"}}");
        List<String> insert = statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"m1\", \"record\": {\"title\": \"t\"}}");
        assertThat(insert).as(String.join("\n", insert)).hasSize(5);
        assertThat(insert.get(2)).as("the counter: one statement").containsIgnoringCase("update datafn_sequences");
        assertThat(insert.get(4)).as("only the result column").startsWithIgnoringCase("update datafn_idempotency set result");
        List<String> withTags = statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"m2\", \"record\": {\"title\": \"t\", \"tags\": [\"a\", \"b\", \"c\"]}}");
        assertThat(withTags).as(String.join("\n", withTags)).hasSize(8);
        List<String> replay = statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"clientId\": \"c\", \"mutationId\": \"m1\", \"record\": {\"title\": \"t\"}}");
        // The optimistic attempt's inserts fail on the stored key and roll back; the careful one reads
        // the stored result and nothing else.
        assertThat(replay).as(String.join("\n", replay)).hasSizeLessThanOrEqualTo(3);
        assertThat(replay.getLast()).containsIgnoringCase("from datafn_idempotency");
    }

    /**
     * Indexing a write for search happens off the writer's thread, after the commit. Once a namespace is in
     * the index (its first catch-up indexes it from its rows), each write costs three reads: the change log's
     * horizon, the changes since the index's mark (searchable resources only), and the changed records. The
     * settled seq is the write's own: the default sequence store settles a seq when its write commits.
     */
    @Test
    void indexingAWriteForSearchCostsThreeReadsOffTheWritersThread() throws InterruptedException {
        Namespace ns = TestDatabases.uniqueNamespace("index-cost");
        statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"title\": \"first\"}}");
        indexerStatements();
        statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"title\": \"t\"}}");
        List<String> indexing = indexerStatements();
        assertThat(indexing).as(String.join("\n", indexing)).hasSize(3);
        assertThat(indexing.get(0)).containsIgnoringCase("from datafn_change_horizon");
        assertThat(indexing.get(1)).containsIgnoringCase("from datafn_changes");
        assertThat(indexing.get(2)).containsIgnoringCase("from todos");
    }

    /** @return the indexer's statements, once it has prepared some and then none for a while */
    private List<String> indexerStatements() throws InterruptedException {
        List<String> indexing = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int quietRounds = 0;
        while (System.nanoTime() < deadline && (indexing.isEmpty() || quietRounds < 30)) {
            Thread.sleep(10);
            List<String> more = counter.drain(StatementCounter.INDEXER);
            quietRounds = more.isEmpty() ? quietRounds + 1 : 0;
            indexing.addAll(more);
        }
        return indexing;
    }
}
