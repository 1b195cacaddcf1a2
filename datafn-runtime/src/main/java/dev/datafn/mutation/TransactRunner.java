package dev.datafn.mutation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.config.Limits;
import dev.datafn.db.QueryResult;
import dev.datafn.http.Envelope;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.query.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code POST /datafn/transact}: steps mixing queries and mutations (seed 001).
 *
 * <p>Atomic (the default): every step is checked first, then all run in one database transaction;
 * queries see the earlier steps' writes. A failing step rolls back every earlier one, including their
 * change records and idempotency records, and the answer names the step and the error:
 * {@code {"ok": false, "failedStep": 2, "error": {...}, "results": [...]}}, where earlier steps are marked
 * {@code "rolledBack": true}. Non-atomic: each step runs on its own and reports its own outcome; a
 * failing step does not stop the ones after it.
 *
 * <p>The {@code transactionId} is echoed in the answer. Retrying a transaction is safe when its
 * mutations carry clientId and mutationId: each replays its stored result.
 */
public final class TransactRunner {

    private static final Set<String> MEMBERS = Set.of("transactionId", "atomic", "steps");
    private static final Set<String> STEP_KINDS = Set.of("query", "mutation");

    /** The engine parts a transaction uses. */
    public interface Engine {
        /** @return the plan of a query, checked against the schema and limits */
        Plan planQuery(JsonNode query, String path);

        /** @return the mutation, checked against the schema */
        PreparedMutation prepareMutation(JsonNode mutation, String path);

        /** Runs a planned query inside a write transaction. */
        QueryResult query(WriteSession writes, Plan plan);

        /** Runs a planned query in its own read transaction. */
        QueryResult query(String namespace, Plan plan);
    }

    private final Engine engine;
    private final MutationExecutor mutations;
    private final Limits limits;
    private final boolean debug;

    /**
     * @param engine    the query and mutation front ends
     * @param mutations the write path
     * @param limits    the limits ({@code maxTransactSteps})
     * @param debug     whether error messages carry details
     */
    public TransactRunner(Engine engine, MutationExecutor mutations, Limits limits, boolean debug) {
        this.engine = engine;
        this.mutations = mutations;
        this.limits = limits;
        this.debug = debug;
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param request   the transaction request
     * @return the answer: {@code {"ok", "transactionId"?, "results": [...]}}, plus {@code failedStep} and
     *         {@code error} when an atomic transaction failed
     */
    public ObjectNode run(String namespace, String actor, JsonNode request) {
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
        ObjectNode answer = Json.object();
        answer.put("ok", true);
        if (transactionId != null) {
            answer.put("transactionId", transactionId);
        }
        ArrayNode results = answer.putArray("results");
        if (atomic) {
            runAtomic(namespace, actor, steps, answer, results);
        } else {
            runEach(namespace, actor, steps, answer, results);
        }
        return answer;
    }

    private void runAtomic(String namespace, String actor, JsonNode steps, ObjectNode answer, ArrayNode results) {
        List<Step> checked = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            try {
                checked.add(check(steps.get(i), i));
            } catch (DataFnException e) {
                fail(answer, results, steps, i, e);
                return;
            }
        }
        try {
            List<JsonNode> outcomes = mutations.write(namespace, actor, true, writes -> {
                List<Object> partial = new ArrayList<>(checked.size());
                for (Step step : checked) {
                    try {
                        partial.add(step.plan() != null ? engine.query(writes, step.plan())
                                : writes.apply(step.mutation()));
                    } catch (DataFnException e) {
                        throw new FailedAt(step.index(), e);
                    }
                }
                List<MutationResult> finals = writes.finish();
                List<JsonNode> out = new ArrayList<>(partial.size());
                int m = 0;
                for (Object o : partial) {
                    out.add(o instanceof QueryResult q ? q.toJson() : finals.get(m++).toJson());
                }
                return out;
            });
            for (int i = 0; i < checked.size(); i++) {
                results.add(success(checked.get(i).kind(), outcomes.get(i)));
            }
        } catch (FailedAt failed) {
            fail(answer, results, steps, failed.index(), failed.error());
        }
    }

    private void runEach(String namespace, String actor, JsonNode steps, ObjectNode answer, ArrayNode results) {
        for (int i = 0; i < steps.size(); i++) {
            JsonNode outcome;
            try {
                Step step = check(steps.get(i), i);
                outcome = step.plan() != null ? engine.query(namespace, step.plan()).toJson()
                        : mutations.execute(namespace, actor, step.mutation()).toJson();
            } catch (DataFnException e) {
                answer.put("ok", false);
                results.add(failure(kindOf(steps.get(i)), e));
                continue;
            }
            results.add(success(kindOf(steps.get(i)), outcome));
        }
    }

    private Step check(JsonNode step, int index) {
        String path = JsonPaths.index("steps", index);
        JsonReader in = JsonReader.of(step, path, STEP_KINDS);
        if (in.has("query") == in.has("mutation")) {
            throw DataFnException.invalid(path, "a step has exactly one of 'query' and 'mutation'");
        }
        if (in.has("query")) {
            return new Step(index, "query", engine.planQuery(in.get("query"), in.pathOf("query")), null);
        }
        return new Step(index, "mutation", null, engine.prepareMutation(in.get("mutation"), in.pathOf("mutation")));
    }

    private static String kindOf(JsonNode step) {
        return step != null && step.isObject() && step.has("query") ? "query" : "mutation";
    }

    private static ObjectNode success(String kind, JsonNode result) {
        ObjectNode out = Json.object();
        out.put("kind", kind);
        out.put("ok", true);
        out.set("result", result);
        return out;
    }

    private ObjectNode failure(String kind, DataFnException e) {
        ObjectNode out = Json.object();
        out.put("kind", kind);
        out.put("ok", false);
        out.set("error", Envelope.error(e, debug).get("error"));
        return out;
    }

    /** Reports an atomic transaction that failed at a step: earlier steps rolled back, later ones never ran. */
    private void fail(ObjectNode answer, ArrayNode results, JsonNode steps, int index, DataFnException e) {
        answer.put("ok", false);
        answer.put("failedStep", index);
        answer.set("error", Envelope.error(e, debug).get("error"));
        results.removeAll();
        for (int i = 0; i < index; i++) {
            ObjectNode earlier = Json.object();
            earlier.put("kind", kindOf(steps.get(i)));
            earlier.put("ok", true);
            earlier.put("rolledBack", true);
            results.add(earlier);
        }
        results.add(failure(kindOf(steps.get(index)), e));
    }

    /** A step checked and ready: a query plan or a prepared mutation. */
    private record Step(int index, String kind, Plan plan, PreparedMutation mutation) {
    }
}
