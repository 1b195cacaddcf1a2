package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.DatabaseUnavailable;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.error.Outcome;
import dev.datafn.json.JsonPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the items of a query batch concurrently, at most a fixed number at once, and answers each with
 * its own outcome: a failing item reports its error without failing the others.
 *
 * <p>Each item is first prepared (parsed and planned) on the calling thread, one after another, and only
 * then run concurrently. Preparing is quick, CPU-only work; doing it on the request's thread keeps its time
 * in the request's own {@code parse} and {@code plan} phases rather than folding it into {@code execute},
 * and an item that fails to prepare never takes a permit.
 */
final class BatchRunner {


    private final int concurrency;

    /** @param concurrency the most items running at once */
    BatchRunner(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * @param items   the batch (a JSON array)
     * @param prepare prepares one item given its JSON and path ({@code [3]}), on the calling thread
     * @param work    runs one prepared item, concurrently with the others
     * @param <P>     the prepared form of an item
     * @param <T>     the result type
     * @return one outcome per item, in order
     */
    <P, T> List<Outcome<T>> run(JsonNode items, BiFunction<JsonNode, String, P> prepare, Function<P, T> work) {
        List<Outcome<P>> prepared = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = JsonPaths.index("", i);
            prepared.add(outcome(path, () -> prepare.apply(item, path)));
        }
        Semaphore permits = new Semaphore(concurrency);
        List<Future<Outcome<T>>> futures = new ArrayList<>(items.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < items.size(); i++) {
                String path = JsonPaths.index("", i);
                Outcome<P> ready = prepared.get(i);
                if (ready instanceof Outcome.Refused<P> refused) {
                    futures.add(CompletableFuture.completedFuture(Outcome.refused(refused.error())));
                    continue;
                }
                P item = ((Outcome.Done<P>) ready).value();
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return outcome(path, () -> work.apply(item));
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<Outcome<T>> out = new ArrayList<>(futures.size());
            for (Future<Outcome<T>> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted while running a batch");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> Outcome<T> outcome(String path, Supplier<T> work) {
        try {
            return Outcome.done(work.get());
        } catch (DataFnException e) {
            return Outcome.refused(e);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedBy(e)) {
                // Not one item's fault: the whole request is answered 503, to be retried.
                throw e;
            }
            // Not logged here: the refusal keeps the failure, which the HTTP layer logs with the request's id.
            return Outcome.refused(DataFnException.internal(e));
        }
    }
}
