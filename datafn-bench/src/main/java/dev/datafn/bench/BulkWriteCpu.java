package dev.datafn.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.db.SchemaManagement;
import dev.datafn.error.Outcome;
import dev.datafn.example.todo.TodoAppSchema;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The CPU one batch of 500 idempotent inserts costs the thread that applies it, in process (no HTTP, no
 * search index), so that the write path's own cost can be compared between two builds on a machine too
 * busy for throughput ratios: thread CPU time moves far less with other programs' load than wall time.
 *
 * <p>{@code java -cp datafn-bench/target/datafn-bench.jar dev.datafn.bench.BulkWriteCpu <jdbc url> [batches]}
 * (user and password {@code datafn}); it writes to a namespace of its own, {@code bulk-cpu-…}, and
 * reports the median and least CPU per record over the second half of the batches, after the JIT warmed up.
 */
public final class BulkWriteCpu {

    private static final int BATCH = 500;

    private BulkWriteCpu() {
    }

    /**
     * @param args the JDBC URL, then how many batches (default 100)
     */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : BenchOptions.POSTGRES_URL;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (DataFn datafn = DataFn.builder().schema(TodoAppSchema.INSTANCE)
                .database(Database.jdbc(url, "datafn", "datafn").withSchemaManagement(SchemaManagement.UPDATE))
                .search(false).build()) {
            String run = Long.toString(System.nanoTime(), 36);
            Namespace namespace = Namespace.of("bulk-cpu-" + run);
            long[] cpu = new long[batches];
            long[] wall = new long[batches];
            for (int b = 0; b < batches; b++) {
                ArrayNode batch = inserts(run, b);
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                boolean allApplied = datafn.mutateBatch(namespace, null, batch).stream().allMatch(Outcome::ok);
                cpu[b] = threads.getCurrentThreadCpuTime() - cpuStart;
                wall[b] = System.nanoTime() - wallStart;
                if (!allApplied) {
                    throw new IllegalStateException("a batch was refused");
                }
            }
            long[] warmCpu = Arrays.copyOfRange(cpu, batches / 2, batches);
            long[] warmWall = Arrays.copyOfRange(wall, batches / 2, batches);
            Arrays.sort(warmCpu);
            Arrays.sort(warmWall);
            System.out.printf("last %d of %d batches of %d: thread CPU per record median %.4f ms, least %.4f ms;"
                    + " wall per batch median %.1f ms%n", warmCpu.length, batches, BATCH,
                    warmCpu[warmCpu.length / 2] / (BATCH * 1e6), warmCpu[0] / (BATCH * 1e6),
                    warmWall[warmWall.length / 2] / 1e6);
        }
    }

    /** A mutation array of idempotent inserts with client-made ids, as {@code insert-batch} sends. */
    private static ArrayNode inserts(String run, int batch) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < BATCH; i++) {
            ObjectNode m = out.addObject();
            m.put("resource", "todos").put("version", 1).put("operation", "insert")
                    .put("clientId", "bulk-cpu-" + run).put("mutationId", "m" + batch + "-" + i);
            m.putObject("record").put("id", "td_" + run + batch + "x" + i).put("title", "title " + i)
                    .put("priority", 3).put("dueDate", "2026-12-31");
        }
        return out;
    }
}
