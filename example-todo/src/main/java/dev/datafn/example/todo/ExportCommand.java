package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import io.helidon.config.Config;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export (--user U [--tenant T] | --namespace NS) [--format jsonl|csv] [--resource R ...] [--out FILE|-]}:
 * every record of a namespace, of every resource or of those named, as the sync clone reads them (one snapshot
 * per page of {@value #PAGE} records, so memory does not grow with the namespace), with the progress on
 * standard error.
 *
 * <p>JSON lines ({@code jsonl}, the default): one {@code {"resource": "todos", "record": {...}}} a line, the
 * resources a record refers to before it (projects and tags before todos), so that {@code import} finds them.
 * CSV: one resource a file, so {@code --resource} names exactly one ({@link RecordCsv}); export the projects and
 * tags files first and import them first.
 */
@Command(name = "export", description = "Writes every record of a namespace as JSON lines or CSV.")
final class ExportCommand implements Callable<Integer> {

    /** Records read at a time: one page of the clone. */
    static final int PAGE = 500;

    /** The file formats. */
    enum Format {
        /** One JSON object a line, with its resource. */
        JSONL,
        /** Comma-separated values, one resource a file. */
        CSV
    }

    private final Supplier<Config> configuration;

    @Spec
    private CommandSpec spec;

    @Mixin
    private NamespaceOptions namespace;

    @Mixin
    private ProgressOption progress;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl",
            description = "JSON lines or CSV (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--resource", paramLabel = "R", description = "A resource to export (repeatable; default: "
            + "every resource; exactly one for csv).")
    private List<String> resources = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
            description = "The file to write, or - for standard output (default: ${DEFAULT-VALUE}).")
    private String out;

    /** @param configuration the configuration naming the database */
    ExportCommand(Supplier<Config> configuration) {
        this.configuration = configuration;
    }

    @Override
    public Integer call() throws IOException {
        if (format == Format.CSV && resources.size() != 1) {
            throw new IllegalArgumentException("a CSV file holds one resource: name it with --resource "
                    + "(e.g. --resource todos), and export the others to files of their own");
        }
        Namespace ns = namespace.namespace();
        PrintWriter err = spec.commandLine().getErr();
        long exported;
        List<ResourceSchema> tables;
        try (CommandEngine engine = CommandEngine.open(configuration.get())) {
            tables = tables(engine.datafn());
            long total = 0;
            for (ResourceSchema table : tables) {
                total += count(engine.datafn(), ns, table);
            }
            err.println("Exporting " + total + " records of " + names(tables) + " from " + ns.value() + " ...");
            ProgressBar bar = progress.bar(err, "records");
            try (Writer file = open()) {
                exported = format == Format.CSV
                        ? writeCsv(engine.datafn(), ns, tables.getFirst(), file, bar, total)
                        : writeJsonLines(engine.datafn(), ns, tables, file, bar, total);
            }
            bar.finish();
        }
        String summary = "Exported " + exported + " records of " + names(tables) + " from " + ns.value()
                + (out.equals("-") ? "." : " to " + out + ".");
        // On standard output the records are the answer; the summary goes beside the progress.
        (out.equals("-") ? err : spec.commandLine().getOut()).println(summary);
        return 0;
    }

    private Writer open() throws IOException {
        if (out.equals("-")) {
            // Not closed with the export: standard output outlives it.
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + out + ": " + e, e);
        }
    }

    private long writeJsonLines(DataFn datafn, Namespace ns, List<ResourceSchema> tables, Writer file,
            ProgressBar bar, long total) {
        long[] written = {0};
        for (ResourceSchema table : tables) {
            pages(datafn, ns, table, record -> {
                ObjectNode line = Json.object();
                line.put("resource", table.name());
                line.set("record", record);
                // Jackson escapes line breaks inside strings: one record, one line.
                file.write(line.toString());
                file.write('\n');
                bar.progress(++written[0], total);
            });
        }
        return written[0];
    }

    private long writeCsv(DataFn datafn, Namespace ns, ResourceSchema table, Writer file, ProgressBar bar,
            long total) throws IOException {
        long[] written = {0};
        CSVPrinter csv = new CSVPrinter(file, RecordCsv.FORMAT);
        csv.printRecord(RecordCsv.header(table));
        pages(datafn, ns, table, record -> {
            csv.printRecord(RecordCsv.cells(table, record));
            bar.progress(++written[0], total);
        });
        csv.flush();
        return written[0];
    }

    /** Hears one record. */
    @FunctionalInterface
    private interface RecordSink {
        void accept(JsonNode record) throws IOException;
    }

    /** Reads a table page by page, each page one snapshot of at most {@link #PAGE} records, in id order. */
    private static void pages(DataFn datafn, Namespace ns, ResourceSchema table, RecordSink sink) {
        int limit = Math.min(PAGE, datafn.limits().maxPullLimit());
        String continuation = null;
        try {
            do {
                ObjectNode request = Json.object();
                request.put("version", 1);
                request.putArray("tables").add(table.name());
                request.put("limit", limit);
                if (continuation != null) {
                    request.put("continuation", continuation);
                }
                ObjectNode page = datafn.cloneAnswer(ns, request).page();
                for (JsonNode record : page.path("data").path(table.name())) {
                    sink.accept(record);
                }
                continuation = page.path("hasMore").asBoolean() ? page.path("continuation").textValue() : null;
            } while (continuation != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(DataFn datafn, Namespace ns, ResourceSchema table) {
        ObjectNode query = Json.object();
        query.put("resource", table.name());
        query.put("version", table.version());
        query.put("limit", 0);
        query.put("count", true);
        Long count = datafn.query(ns, query).count();
        return count == null ? 0 : count;
    }

    /**
     * @param datafn the engine
     * @return the resources to export, each after those it refers to
     * @throws IllegalArgumentException for a resource the schema does not have
     */
    private List<ResourceSchema> tables(DataFn datafn) {
        List<ResourceSchema> asked = new ArrayList<>();
        if (resources.isEmpty()) {
            asked.addAll(datafn.schema().resources());
        } else {
            for (String name : resources) {
                asked.add(datafn.schema().resource(name).orElseThrow(() -> new IllegalArgumentException(
                        "there is no resource " + name + "; the resources are " + names(
                                List.copyOf(datafn.schema().resources())))));
            }
        }
        return referredFirst(asked);
    }

    /** Orders resources so that each comes after those its relations point to (a cycle keeps its order). */
    static List<ResourceSchema> referredFirst(List<ResourceSchema> resources) {
        Set<ResourceSchema> ordered = new LinkedHashSet<>();
        List<ResourceSchema> left = new ArrayList<>(resources);
        while (!left.isEmpty()) {
            ResourceSchema next = left.stream().filter(r -> r.relations().stream().map(RelationSchema::target)
                            .allMatch(target -> target.equals(r.name()) || ordered.stream()
                                    .anyMatch(o -> o.name().equals(target)) || left.stream()
                                    .noneMatch(l -> l.name().equals(target))))
                    .findFirst().orElse(left.getFirst());
            ordered.add(next);
            left.remove(next);
        }
        return List.copyOf(ordered);
    }

    private static String names(List<ResourceSchema> tables) {
        return String.join(", ", tables.stream().map(ResourceSchema::name).toList());
    }
}
