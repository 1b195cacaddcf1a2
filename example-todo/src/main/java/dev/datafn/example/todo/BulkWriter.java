package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.Outcome;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes many mutations through the engine's bulk path, {@link DataFn#mutateBatch}, a few hundred at a time: each
 * batch is one transaction unless one of its mutations is refused, and then each of the others still applies.
 * It counts what was written, what an earlier run had already written (answered {@code deduped} from the
 * mutation's idempotency key) and what was refused, and tells each refusal with where it came from.
 */
final class BulkWriter {

    /** Mutations sent at a time, unless the engine's {@code maxBatchSize} is smaller. */
    static final int BATCH = 200;

    /**
     * A mutation, or a row, that was not written.
     *
     * @param where   where it came from, e.g. {@code line 3}
     * @param code    the engine's error code, or {@code MALFORMED} for a row that is no mutation
     * @param message why
     * @param path    the JSON path of the refused value within the mutation, or {@code null}
     */
    record Refusal(String where, String code, String message, String path) {

        /** @return e.g. {@code line 3: VALIDATION_FAILED at record.title: longer than 200 characters} */
        String text() {
            return where + ": " + code + (path == null || path.isEmpty() ? "" : " at " + path) + ": " + message;
        }
    }

    /**
     * What was done.
     *
     * @param written   mutations applied now
     * @param unchanged mutations an earlier run had applied, so nothing changed
     * @param refused   mutations or rows refused
     */
    record Counts(long written, long unchanged, long refused) {

        /** @return every mutation or row handled */
        long total() {
            return written + unchanged + refused;
        }
    }

    private final DataFn datafn;
    private final Namespace namespace;
    private final String actor;
    private final Consumer<Refusal> refusals;
    private final ProgressBar progress;
    private final long expected;
    private final int batchSize;
    /** The queue: mutations to write, and rows refused before, told in their order when the batch is written. */
    private final List<Queued> queued = new ArrayList<>();
    private long written;
    private long unchanged;
    private long refused;

    /**
     * @param datafn    the engine
     * @param namespace the namespace written
     * @param actor     who writes, for the change log
     * @param refusals  hears each refusal, as it happens
     * @param progress  hears the count handled against {@code expected}
     * @param expected  how many mutations and rows are expected, for the progress
     */
    BulkWriter(DataFn datafn, Namespace namespace, String actor, Consumer<Refusal> refusals, ProgressBar progress,
            long expected) {
        this.datafn = datafn;
        this.namespace = namespace;
        this.actor = actor;
        this.refusals = refusals;
        this.progress = progress;
        this.expected = expected;
        this.batchSize = Math.min(BATCH, datafn.limits().maxBatchSize());
    }

    /**
     * Queues a mutation, writing the queue when it holds a batch.
     *
     * @param where    where it came from, told with its refusal
     * @param mutation the mutation
     */
    void add(String where, ObjectNode mutation) {
        queue(new Queued(where, mutation, null));
    }

    /**
     * Counts a row that is no mutation (malformed), telling why in its turn, among the refusals of its batch.
     *
     * @param where   where it came from
     * @param message why it was refused
     */
    void refuse(String where, String message) {
        queue(new Queued(where, null, message));
    }

    private void queue(Queued next) {
        queued.add(next);
        if (queued.size() >= batchSize) {
            flush();
        }
    }

    /** @return what was done, once the last batch is written */
    Counts finish() {
        flush();
        return new Counts(written, unchanged, refused);
    }

    /** A queued mutation ({@code message} null), or a row refused before it was one ({@code mutation} null). */
    private record Queued(String where, ObjectNode mutation, String message) {
    }

    private void flush() {
        if (queued.isEmpty()) {
            return;
        }
        ArrayNode batch = Json.MAPPER.createArrayNode();
        queued.stream().filter(q -> q.mutation() != null).forEach(q -> batch.add(q.mutation()));
        List<Outcome<MutationResult>> outcomes = batch.isEmpty() ? List.of()
                : datafn.mutateBatch(namespace, actor, batch);
        int index = 0;
        for (Queued q : queued) {
            if (q.mutation() == null) {
                refused++;
                refusals.accept(new Refusal(q.where(), "MALFORMED", q.message(), null));
                continue;
            }
            int i = index++;
            switch (outcomes.get(i)) {
                case Outcome.Done<MutationResult> done -> {
                    if (done.value().deduped()) {
                        unchanged++;
                    } else {
                        written++;
                    }
                }
                case Outcome.Refused<MutationResult> no -> {
                    refused++;
                    refusals.accept(refusal(q.where(), i, no.error()));
                }
            }
        }
        queued.clear();
        progress.progress(written + unchanged + refused, expected);
    }

    /** The engine's path starts at the mutation's index in the batch, which means nothing to the reader. */
    private static Refusal refusal(String where, int index, DataFnException error) {
        String path = error.path();
        String prefix = "[" + index + "]";
        if (path != null && path.startsWith(prefix)) {
            path = path.substring(prefix.length());
            path = path.startsWith(".") ? path.substring(1) : path;
        }
        return new Refusal(where, error.code().name(), error.getMessage(), path);
    }
}
