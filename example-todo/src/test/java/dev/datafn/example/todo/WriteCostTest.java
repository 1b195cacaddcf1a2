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

    /** The inserts of one bulk write: a whole batch ({@code maxBatchSize}). */
    private static final int BULK = 500;

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
     * 500 idempotent inserts cost the five statements of one: each of the five is one JDBC batch of 500 (the
     * keys, the rows, the counter, the change records, the results), whether they come as a mutation array,
     * an atomic transact or a push. Counted on an engine without the search index, whose first catch-up of
     * 1,500 new records would still be running when the other tests count the indexer's statements.
     */
    @Test
    void fiveHundredInsertsCostTheFiveStatementsOfOne() throws Exception {
        StatementCounter counter = new StatementCounter();
        try (DataFn counted = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).search(false)
                .limits(l -> l.maxTransactSteps(BULK))
                .hibernateProperty("hibernate.session_factory.statement_inspector", counter).build()) {
            countBulkWrites(counted, counter);
        }
    }

    private void countBulkWrites(DataFn counted, StatementCounter counter) throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("bulk-cost");
        counted.mutate(ns, null, json("{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"name\": \"warm\"}}"));

        counter.drain();
        List<dev.datafn.error.Outcome<dev.datafn.mutation.MutationResult>> batch = counted.mutateBatch(ns, null,
                dev.datafn.json.Json.MAPPER.readTree(inserts("batch", BULK)));
        assertBulk(counter.drain(), batch.stream().filter(dev.datafn.error.Outcome::ok).count());

        counter.drain();
        StringBuilder steps = new StringBuilder();
        for (String insert : insertList("transact", BULK)) {
            steps.append(steps.isEmpty() ? "" : ", ").append("{\"mutation\": ").append(insert).append('}');
        }
        dev.datafn.mutation.transact.TransactResult transact = counted.transact(ns, null,
                json("{\"transactionId\": \"bulk\", \"atomic\": true, \"steps\": [" + steps + "]}"));
        assertThat(transact.ok()).isTrue();
        assertBulk(counter.drain(), BULK);

        counter.drain();
        dev.datafn.sync.PushResult push = counted.push(ns, null,
                json("{\"version\": 1, \"mutations\": " + inserts("push", BULK) + "}"));
        assertThat(push.ok()).isTrue();
        assertBulk(counter.drain(), BULK);
    }

    private static void assertBulk(List<String> statements, long applied) {
        assertThat(applied).isEqualTo(BULK);
        assertThat(statements).as(String.join("\n", statements)).hasSize(5);
        assertThat(statements.get(0)).startsWithIgnoringCase("insert into datafn_idempotency");
        assertThat(statements.get(1)).startsWithIgnoringCase("insert into todos");
        assertThat(statements.get(2)).as("the counter: one statement").containsIgnoringCase("update datafn_sequences");
        assertThat(statements.get(3)).startsWithIgnoringCase("insert into datafn_changes");
        assertThat(statements.get(4)).as("only the result column").startsWithIgnoringCase("update datafn_idempotency set result");
    }

    private static String inserts(String prefix, int count) {
        return "[" + String.join(", ", insertList(prefix, count)) + "]";
    }

    /** Idempotent inserts with client-made ids, as an offline client sends them. */
    private static List<String> insertList(String prefix, int count) {
        List<String> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"clientId\": \"" + prefix
                    + "\", \"mutationId\": \"m" + i + "\", \"record\": {\"id\": \"td_" + prefix + i
                    + "\", \"title\": \"t" + i + "\", \"priority\": 3}}");
        }
        return out;
    }

    /**
     * Indexing a write for search happens off the writer's thread, after the commit. Once a namespace is in
     * the index (its first catch-up indexes it from its rows), each write costs four reads: the change log's
     * horizon, the changes since the index's mark (searchable resources only), the changed records, and the
     * highest seq committed then (which records may already be in the index as a later change left them). The
     * settled seq is the write's own: the default sequence store settles a seq when its write commits.
     */
    @Test
    void indexingAWriteForSearchCostsFourReadsOffTheWritersThread() throws InterruptedException {
        Namespace ns = TestDatabases.uniqueNamespace("index-cost");
        statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"title\": \"first\"}}");
        indexerStatements();
        statementsFor(ns, "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"title\": \"t\"}}");
        List<String> indexing = indexerStatements();
        assertThat(indexing).as(String.join("\n", indexing)).hasSize(4);
        assertThat(indexing.get(0)).containsIgnoringCase("from datafn_change_horizon");
        assertThat(indexing.get(1)).containsIgnoringCase("from datafn_changes");
        assertThat(indexing.get(2)).containsIgnoringCase("from todos");
        // The highest seq committed once the rows were read: how far they may be ahead of the changes indexed.
        assertThat(indexing.get(3)).containsIgnoringCase("select max(").containsIgnoringCase("from datafn_changes");
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
