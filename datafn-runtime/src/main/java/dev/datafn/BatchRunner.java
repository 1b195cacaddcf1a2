package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.error.Outcome;
import dev.datafn.json.JsonPaths;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;

/**
 * Runs the items of a query batch concurrently, at most a fixed number at once, and answers each with
 * its own outcome: a failing item reports its error without failing the others.
 */
final class BatchRunner {

    private static final System.Logger LOG = System.getLogger(BatchRunner.class.getName());

    private final int concurrency;

    /** @param concurrency the most items running at once */
    BatchRunner(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * @param items the batch (a JSON array)
     * @param work  runs one item given its JSON and path ({@code [3]})
     * @param <T>   the result type
     * @return one outcome per item, in order
     */
    <T> List<Outcome<T>> run(JsonNode items, BiFunction<JsonNode, String, T> work) {
        Semaphore permits = new Semaphore(concurrency);
        List<Future<Outcome<T>>> futures = new ArrayList<>(items.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String path = JsonPaths.index("", i);
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return outcome(item, path, work);
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

    private static <T> Outcome<T> outcome(JsonNode item, String path, BiFunction<JsonNode, String, T> work) {
        try {
            return Outcome.done(work.apply(item, path));
        } catch (DataFnException e) {
            return Outcome.refused(e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "DataFn batch item " + path + " failed", e);
            return Outcome.refused(new DataFnException(ErrorCode.INTERNAL, "internal error"));
        }
    }
}
