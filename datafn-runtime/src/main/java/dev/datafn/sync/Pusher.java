package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.config.Limits;
import dev.datafn.http.Envelope;
import dev.datafn.json.Json;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.mutation.FailedAt;
import dev.datafn.mutation.MutationExecutor;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.PreparedMutation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /datafn/push}: a client's offline mutations, applied in order with the mutation path's
 * idempotency, so a batch pushed again (after a lost answer) changes nothing and answers the stored
 * results, {@code deduped}.
 *
 * <pre>
 * {"version": 1, "mutations": [{...mutation...}, ...], "atomic"?: false}
 * → {"ok": true, "results": [{"ok": true, "result": {...}}, {"ok": false, "error": {...}}, ...]}
 * </pre>
 *
 * <p>By default each mutation stands alone: one that fails (validation, a guard, a missing record) is
 * answered with its error at {@code mutations[i]...} and does not block the ones after it; {@code ok} is
 * false when any failed. With {@code "atomic": true} all apply or none does, and the answer names the
 * first failure: {@code {"ok": false, "failedIndex": i, "error": {...}}}. At most {@code maxBatchSize}
 * mutations per push.
 */
public final class Pusher {

    private static final Set<String> MEMBERS = Set.of("version", "mutations", "atomic");

    /** Checks one mutation of the push against the schema. */
    @FunctionalInterface
    public interface Preparer {
        /**
         * @param mutation the mutation JSON
         * @param path     its path in the push
         * @return the checked mutation
         */
        PreparedMutation prepare(JsonNode mutation, String path);
    }

    private final Preparer preparer;
    private final MutationExecutor mutations;
    private final Limits limits;
    private final boolean debug;

    /**
     * @param preparer  checks mutations
     * @param mutations the write path
     * @param limits    the limits ({@code maxBatchSize})
     * @param debug     whether error messages carry details
     */
    public Pusher(Preparer preparer, MutationExecutor mutations, Limits limits, boolean debug) {
        this.preparer = preparer;
        this.mutations = mutations;
        this.limits = limits;
        this.debug = debug;
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param request   the push request
     * @return the answer
     */
    public ObjectNode push(String namespace, String actor, JsonNode request) {
        JsonReader in = JsonReader.of(request, "", MEMBERS);
        SyncRequests.checkVersion(in);
        JsonNode list = in.get("mutations");
        if (list == null || !list.isArray()) {
            throw DataFnException.invalid(in.pathOf("mutations"), "'mutations' is required: an array of mutations");
        }
        if (list.size() > limits.maxBatchSize()) {
            throw DataFnException.invalid(in.pathOf("mutations"), "at most " + limits.maxBatchSize()
                    + " mutations per push (maxBatchSize)");
        }
        boolean atomic = in.optionalBoolean("atomic", false);
        ObjectNode answer = Json.object();
        answer.put("ok", true);
        ArrayNode results = answer.putArray("results");
        if (list.isEmpty()) {
            return answer;
        }
        if (atomic) {
            pushAtomically(namespace, actor, list, answer, results);
        } else {
            pushEach(namespace, actor, list, answer, results);
        }
        return answer;
    }

    private void pushEach(String namespace, String actor, JsonNode list, ObjectNode answer, ArrayNode results) {
        List<PreparedMutation> prepared = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                prepared.add(preparer.prepare(list.get(i), path(i)));
            } catch (DataFnException refused) {
                prepared = null;
                break;
            }
        }
        // All valid: one transaction when nothing goes wrong (see MutationExecutor#tryTogether).
        List<MutationResult> together = prepared == null || prepared.size() < 2 ? null
                : mutations.tryTogether(namespace, actor, prepared);
        if (together != null) {
            together.forEach(r -> results.add(Envelope.ok(r.toJson())));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                PreparedMutation m = preparer.prepare(list.get(i), path(i));
                results.add(Envelope.ok(mutations.execute(namespace, actor, m).toJson()));
            } catch (DataFnException e) {
                answer.put("ok", false);
                results.add(Envelope.error(e, debug));
            }
        }
    }

    private void pushAtomically(String namespace, String actor, JsonNode list, ObjectNode answer, ArrayNode results) {
        List<PreparedMutation> prepared = new ArrayList<>(list.size());
        try {
            for (int i = 0; i < list.size(); i++) {
                prepared.add(preparer.prepare(list.get(i), path(i)));
            }
            List<MutationResult> applied = mutations.write(namespace, actor, true, writes -> {
                for (int i = 0; i < prepared.size(); i++) {
                    try {
                        writes.apply(prepared.get(i));
                    } catch (DataFnException e) {
                        throw new FailedAt(i, e);
                    }
                }
                return writes.finish();
            });
            applied.forEach(r -> results.add(Envelope.ok(r.toJson())));
        } catch (FailedAt failed) {
            fail(answer, results, failed.index(), failed.error());
        } catch (DataFnException refused) {
            fail(answer, results, prepared.size(), refused);
        }
    }

    private void fail(ObjectNode answer, ArrayNode results, int index, DataFnException e) {
        answer.put("ok", false);
        answer.put("failedIndex", index);
        answer.set("error", Envelope.error(e, debug).get("error"));
        results.removeAll();
    }

    private static String path(int index) {
        return JsonPaths.index("mutations", index);
    }
}
