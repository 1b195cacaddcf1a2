package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.config.Limits;
import dev.datafn.error.DataFnException;
import dev.datafn.error.Outcome;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.mutation.write.MutationBatch;
import dev.datafn.mutation.prepare.MutationPreparer;
import dev.datafn.schema.Namespace;
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

    private final MutationBatch batch;
    private final MutationPreparer preparer;
    private final Limits limits;

    /**
     * @param batch    applies the mutations
     * @param preparer checks mutations
     * @param limits   the limits ({@code maxBatchSize})
     */
    public Pusher(MutationBatch batch, MutationPreparer preparer, Limits limits) {
        this.batch = batch;
        this.preparer = preparer;
        this.limits = limits;
    }

    /**
     * @param namespace the caller's namespace
     * @param actor     the caller's actor id, or {@code null}
     * @param request   the push request
     * @return each mutation's outcome, or the first failure of an atomic push
     */
    public PushResult push(Namespace namespace, String actor, JsonNode request) {
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
        if (list.isEmpty()) {
            return new PushResult(List.of(), -1, null);
        }
        if (!atomic) {
            return new PushResult(batch.applyEach(namespace, actor, list, Pusher::path), -1, null);
        }
        try {
            MutationBatch.Atomic applied = batch.applyAtomically(namespace, actor, list.size(),
                    i -> new MutationBatch.Step.Write(preparer.prepare(list.get(i), path(i))));
            if (!applied.ok()) {
                return new PushResult(List.of(), applied.failedIndex(), applied.error());
            }
            return new PushResult(applied.results().stream()
                    .map(r -> Outcome.done(((MutationBatch.StepResult.Written) r).result()))
                    .toList(), -1, null);
        } catch (DataFnException refused) {
            // The transaction as a whole failed, after every mutation was checked.
            return new PushResult(List.of(), list.size(), refused);
        }
    }

    private static String path(int index) {
        return JsonPaths.index("mutations", index);
    }
}
