package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.DatabaseUnavailable;
import dev.datafn.db.QueryResult;
import dev.datafn.db.QueryRunner;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.error.Outcome;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.PreparedMutation;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.query.plan.Plan;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.hibernate.Session;

/**
 * The two ways a list of mutations is applied, for every surface that takes one (mutation arrays, push,
 * transact, seed):
 * <ul>
 *   <li>{@link #applyEach each on its own}: every mutation gets its own outcome, and one refused does not
 *       undo or stop the others. Since a list whose every mutation succeeds answers exactly as if each had
 *       committed alone, it is first tried as one transaction, whose writes go in JDBC batches and which
 *       commits once; only when a mutation is refused are they run one transaction each.</li>
 *   <li>{@link #applyAtomically all or nothing}: every step is checked first, then all run in one
 *       transaction; the first refused step rolls back every other and is named by its index.</li>
 * </ul>
 */
public final class MutationBatch {


    private final MutationPreparer preparer;
    private final MutationExecutor executor;
    private final QueryRunner queries;

    /**
     * @param preparer checks mutations against the schema
     * @param executor the write path
     * @param queries  runs the query steps of transactions
     */
    public MutationBatch(MutationPreparer preparer, MutationExecutor executor, QueryRunner queries) {
        this.preparer = preparer;
        this.executor = executor;
        this.queries = queries;
    }

    /**
     * Applies each mutation with an outcome of its own, in order.
     *
     * @param namespace the namespace
     * @param actor     the actor, or {@code null}
     * @param mutations the mutation objects (a JSON array)
     * @param pathOf    the JSON path of the mutation at an index, for errors
     * @return one outcome per mutation, in order
     */
    public List<Outcome<MutationResult>> applyEach(Namespace namespace, String actor, JsonNode mutations,
            IntFunction<String> pathOf) {
        List<MutationResult> together = tryTogether(namespace, actor, mutations, pathOf);
        if (together != null) {
            return together.stream().map(Outcome::done).toList();
        }
        List<Outcome<MutationResult>> out = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            String path = pathOf.apply(i);
            try {
                out.add(Outcome.done(executor.execute(namespace, actor, preparer.prepare(mutations.get(i), path))));
            } catch (DataFnException e) {
                if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                    // Not this mutation's fault (a store out of reach, shutdown): the whole push is answered 503.
                    throw e;
                }
                out.add(Outcome.refused(e));
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.causedBy(e)) {
                    // Not this mutation's fault: the whole push is answered 503, and its retry dedupes the
                    // mutations applied before.
                    throw e;
                }
                // Not logged here: the refusal keeps the failure, which the HTTP layer logs with the request's id.
                out.add(Outcome.refused(DataFnException.internal(e)));
            }
        }
        return out;
    }

    /** @return every result when all mutations applied together; {@code null} when any was refused */
    private List<MutationResult> tryTogether(Namespace namespace, String actor, JsonNode mutations,
            IntFunction<String> pathOf) {
        if (mutations.size() < 2) {
            return null;
        }
        List<PreparedMutation> prepared = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            try {
                prepared.add(preparer.prepare(mutations.get(i), pathOf.apply(i)));
            } catch (DataFnException refused) {
                return null;
            }
        }
        return executor.tryTogether(namespace, actor, prepared);
    }

    /** One step of an all-or-nothing batch, checked before anything is written. */
    public sealed interface Step {

        /** @param plan a query, which sees the writes of the steps before it */
        record Read(Plan plan) implements Step {
        }

        /** @param mutation a mutation */
        record Write(PreparedMutation mutation) implements Step {
        }

        /** @param insert an insert, skipped when its id is already stored (seeding is idempotent by id) */
        record InsertIfAbsent(PreparedMutation insert) implements Step {
        }
    }

    /** What a step of an all-or-nothing batch did. */
    public sealed interface StepResult {

        /** @param result the query's answer */
        record Read(QueryResult result) implements StepResult {
        }

        /** @param result the mutation's final result, with its serverSeq */
        record Written(MutationResult result) implements StepResult {
        }

        /** @param step the insert that was skipped because its id is stored */
        record Skipped(PreparedMutation step) implements StepResult {
        }
    }

    /**
     * The answer of an all-or-nothing batch: every step's result, or the first refused step, after which
     * nothing was applied.
     *
     * @param results     the steps' results, in order; empty when a step was refused
     * @param failedIndex the refused step's index, or -1
     * @param error       why it was refused, or {@code null}
     */
    public record Atomic(List<StepResult> results, int failedIndex, DataFnException error) {

        /** Copies the results. */
        public Atomic {
            results = List.copyOf(results);
        }

        /** @return whether every step applied */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Checks every step, then runs them all in one write transaction.
     *
     * @param namespace the namespace
     * @param actor     the actor, or {@code null}
     * @param count     how many steps
     * @param check     checks the step at an index; throws {@link DataFnException} to refuse it
     * @return the results, or the first refused step
     * @throws DataFnException when the transaction as a whole fails (not one step), such as an idempotency
     *     key held by a concurrent request for too long
     */
    public Atomic applyAtomically(Namespace namespace, String actor, int count, IntFunction<Step> check) {
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                steps.add(check.apply(i));
            } catch (DataFnException e) {
                return new Atomic(List.of(), i, e);
            }
        }
        try {
            return new Atomic(executor.write(namespace, actor, true, writes -> run(steps, writes)), -1, null);
        } catch (FailedAt failed) {
            return new Atomic(List.of(), failed.index(), failed.error());
        }
    }

    private List<StepResult> run(List<Step> steps, WriteSession writes) {
        Set<String> stored = storedIds(writes, steps);
        List<StepResult> partial = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            try {
                partial.add(switch (steps.get(i)) {
                    case Step.Read read -> new StepResult.Read(queries.read(writes.session(), read.plan()));
                    case Step.Write write -> new StepResult.Written(writes.apply(write.mutation()));
                    case Step.InsertIfAbsent insert -> stored.contains(key(insert.insert()))
                            ? new StepResult.Skipped(insert.insert())
                            : new StepResult.Written(writes.apply(insert.insert()));
                });
            } catch (DataFnException e) {
                throw new FailedAt(i, e);
            }
        }
        // Results taken while writing have no serverSeq yet: the seqs are reserved as the last work.
        List<MutationResult> finals = writes.finish();
        List<StepResult> out = new ArrayList<>(partial.size());
        int next = 0;
        for (StepResult r : partial) {
            out.add(r instanceof StepResult.Written ? new StepResult.Written(finals.get(next++)) : r);
        }
        return out;
    }

    /** @return "resource/id" of every insert-if-absent whose id is stored, read in one query per 500 ids */
    private static Set<String> storedIds(WriteSession writes, List<Step> steps) {
        Map<ResourceSchema, List<String>> ids = new LinkedHashMap<>();
        for (Step step : steps) {
            if (step instanceof Step.InsertIfAbsent insert) {
                ids.computeIfAbsent(insert.insert().resource(), r -> new ArrayList<>()).add(insert.insert().id());
            }
        }
        if (ids.isEmpty()) {
            return Set.of();
        }
        Session session = writes.session();
        Set<String> stored = new HashSet<>();
        ids.forEach((table, list) -> {
            for (int from = 0; from < list.size(); from += 500) {
                session.createSelectionQuery("select e.id from " + table.entityClass().getName()
                        + " e where e.id in :ids", String.class)
                        .setParameter("ids", list.subList(from, Math.min(list.size(), from + 500)))
                        .getResultList()
                        .forEach(id -> stored.add(table.name() + "/" + id));
            }
        });
        return stored;
    }

    private static String key(PreparedMutation m) {
        return m.resource().name() + "/" + m.id();
    }
}
