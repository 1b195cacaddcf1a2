package dev.datafn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.Envelope;
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
 * Runs the items of a batch concurrently, at most a fixed number at once, and answers each in its own
 * envelope: a failing item reports its error without failing the others.
 */
public final class BatchRunner {

    private static final System.Logger LOG = System.getLogger(BatchRunner.class.getName());

    private final int concurrency;
    private final boolean debug;

    /**
     * @param concurrency the most items running at once
     * @param debug       whether error messages carry details
     */
    public BatchRunner(int concurrency, boolean debug) {
        this.concurrency = concurrency;
        this.debug = debug;
    }

    /**
     * Runs the items one after another, in order (mutations of a batch may depend on earlier ones).
     *
     * @param items the batch (a JSON array)
     * @param work  runs one item given its JSON and path ({@code [3]})
     * @return one envelope per item, in order
     */
    public List<ObjectNode> runInOrder(JsonNode items, BiFunction<JsonNode, String, JsonNode> work) {
        List<ObjectNode> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(envelope(items.get(i), JsonPaths.index("", i), work));
        }
        return out;
    }

    /**
     * @param items the batch (a JSON array)
     * @param work  runs one item given its JSON and path ({@code [3]})
     * @return one envelope per item, in order
     */
    public List<ObjectNode> run(JsonNode items, BiFunction<JsonNode, String, JsonNode> work) {
        Semaphore permits = new Semaphore(concurrency);
        List<Future<ObjectNode>> futures = new ArrayList<>(items.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String path = JsonPaths.index("", i);
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return envelope(item, path, work);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<ObjectNode> out = new ArrayList<>(futures.size());
            for (Future<ObjectNode> f : futures) {
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

    private ObjectNode envelope(JsonNode item, String path, BiFunction<JsonNode, String, JsonNode> work) {
        try {
            return Envelope.ok(work.apply(item, path));
        } catch (DataFnException e) {
            return Envelope.error(e, debug);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "DataFn batch item " + path + " failed", e);
            return Envelope.error(new DataFnException(ErrorCode.INTERNAL, "internal error"), debug);
        }
    }
}
