package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.QueryResult;
import dev.datafn.db.QueryRunner;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.write.WriteSession;
import dev.datafn.schema.Namespace;

/** The {@link Transaction} handed to the work of {@link DataFn#transact(String, String, java.util.function.Function)}. */
final class InTransaction implements Transaction {

    private final Namespace namespace;
    private final WriteSession writes;
    private final QueryRunner queries;
    private final MutationPreparer preparer;
    private volatile boolean open = true;

    InTransaction(Namespace namespace, WriteSession writes, QueryRunner queries, MutationPreparer preparer) {
        this.namespace = namespace;
        this.writes = writes;
        this.queries = queries;
        this.preparer = preparer;
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    @Override
    public QueryResult query(JsonNode dfql) {
        requireOpen();
        return queries.read(writes.session(), queries.plan(dfql, ""));
    }

    @Override
    public MutationResult mutate(JsonNode mutation) {
        requireOpen();
        return writes.apply(preparer.prepare(mutation, ""));
    }

    /** Called when the transaction commits or rolls back: later calls fail instead of running outside it. */
    void end() {
        open = false;
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("this transaction has ended; use a Transaction only inside the work "
                    + "passed to DataFn.transact");
        }
    }
}
