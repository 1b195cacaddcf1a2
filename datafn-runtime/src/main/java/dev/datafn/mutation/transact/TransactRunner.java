package dev.datafn.mutation.transact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.config.Limits;
import dev.datafn.db.QueryRunner;
import dev.datafn.error.DataFnException;
import dev.datafn.error.Outcome;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.mutation.transact.TransactResult.StepOutcome;
import dev.datafn.mutation.write.MutationBatch;
import dev.datafn.mutation.write.MutationBatch.StepResult;
import dev.datafn.mutation.write.MutationExecutor;
import dev.datafn.schema.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code POST /datafn/transact}: steps mixing queries and mutations (seed 001).
 *
 * <p>Atomic (the default): every step is checked first, then all run in one database transaction;
 * queries see the earlier steps' writes. A failing step rolls back every earlier one, including their
 * change records and idempotency records, and the answer names the step and the error, with the earlier
 * steps marked rolled back. Non-atomic: each step runs on its own and reports its own outcome; a failing
 * step does not stop the ones after it.
 *
 * <p>The {@code transactionId} is echoed in the answer. Retrying a transaction is safe when its
 * mutations carry clientId and mutationId: each replays its stored result.
 */
public final class TransactRunner {

    private static final Set<String> MEMBERS = Set.of("transactionId", "atomic", "steps");
    private static final Set<String> STEP_KINDS = Set.of("query", "mutation");

    private final QueryRunner queries;
    private final MutationPreparer preparer;
    private final MutationExecutor executor;
    private final MutationBatch batch;
    private final Limits limits;

    /**
     * @param queries  checks and runs the query steps
     * @param preparer checks the mutation steps
     * @param executor the write path
     * @param batch    runs atomic transactions
     * @param limits   the limits ({@code maxTransactSteps})
     */
    public TransactRunner(QueryRunner queries, MutationPreparer preparer, MutationExecutor executor,
            MutationBatch batch, Limits limits) {
        this.queries = queries;
        this.preparer = preparer;
        this.executor = executor;
        this.batch = batch;
        this.limits = limits;
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param request   the transaction request
     * @return every step's outcome, and the failed step of an atomic transaction
     * @throws DataFnException when the request itself is malformed (not an object, no steps, too many)
     */
    public TransactResult run(Namespace namespace, String actor, JsonNode request) {
        JsonReader in = JsonReader.of(request, "", MEMBERS);
        String transactionId = in.optionalText("transactionId");
        boolean atomic = in.optionalBoolean("atomic", true);
        if (!in.has("steps") || !in.get("steps").isArray()) {
            throw DataFnException.invalid(in.pathOf("steps"), "'steps' is required: an array of "
                    + "{\"query\": {...}} and {\"mutation\": {...}} objects");
        }
        JsonNode steps = in.get("steps");
        if (steps.isEmpty()) {
            throw DataFnException.invalid(in.pathOf("steps"), "a transaction needs at least one step");
        }
        if (steps.size() > limits.maxTransactSteps()) {
            throw DataFnException.invalid(in.pathOf("steps"), "at most " + limits.maxTransactSteps()
                    + " steps per transaction (maxTransactSteps)");
        }
        return atomic ? runAtomic(transactionId, namespace, actor, steps)
                : runEach(transactionId, namespace, actor, steps);
    }

    private TransactResult runAtomic(String transactionId, Namespace namespace, String actor, JsonNode steps) {
        MutationBatch.Atomic applied = batch.applyAtomically(namespace, actor, steps.size(),
                i -> check(steps.get(i), i));
        List<StepOutcome> out = new ArrayList<>(steps.size());
        if (!applied.ok()) {
            for (int i = 0; i < applied.failedIndex(); i++) {
                out.add(StepOutcome.rolledBack(kindOf(steps.get(i))));
            }
            out.add(new StepOutcome(kindOf(steps.get(applied.failedIndex())), Outcome.refused(applied.error()),
                    false));
            return new TransactResult(transactionId, out, applied.failedIndex(), applied.error());
        }
        for (int i = 0; i < steps.size(); i++) {
            JsonNode result = switch (applied.results().get(i)) {
                case StepResult.Read read -> read.result().toJson();
                case StepResult.Written written -> written.result().toJson();
                case StepResult.Skipped skipped -> throw new IllegalStateException("a transaction skips no step");
            };
            out.add(new StepOutcome(kindOf(steps.get(i)), Outcome.done(result), false));
        }
        return new TransactResult(transactionId, out, -1, null);
    }

    private TransactResult runEach(String transactionId, Namespace namespace, String actor, JsonNode steps) {
        List<StepOutcome> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Outcome<JsonNode> outcome;
            try {
                outcome = Outcome.done(switch (check(steps.get(i), i)) {
                    case MutationBatch.Step.Read read -> queries.read(namespace, read.plan(), null).toJson();
                    case MutationBatch.Step.Write write -> executor.execute(namespace, actor, write.mutation()).toJson();
                    case MutationBatch.Step.InsertIfAbsent insert -> throw new IllegalStateException("not a step");
                });
            } catch (DataFnException e) {
                outcome = Outcome.refused(e);
            }
            out.add(new StepOutcome(kindOf(steps.get(i)), outcome, false));
        }
        return new TransactResult(transactionId, out, -1, null);
    }

    private MutationBatch.Step check(JsonNode step, int index) {
        String path = JsonPaths.index("steps", index);
        JsonReader in = JsonReader.of(step, path, STEP_KINDS);
        if (in.has("query") == in.has("mutation")) {
            throw DataFnException.invalid(path, "a step has exactly one of 'query' and 'mutation'");
        }
        if (in.has("query")) {
            return new MutationBatch.Step.Read(queries.plan(in.get("query"), in.pathOf("query")));
        }
        return new MutationBatch.Step.Write(preparer.prepare(in.get("mutation"), in.pathOf("mutation")));
    }

    private static String kindOf(JsonNode step) {
        return step != null && step.isObject() && step.has("query") ? "query" : "mutation";
    }
}
