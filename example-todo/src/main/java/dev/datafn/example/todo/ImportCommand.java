package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import io.helidon.config.Config;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import (--user U [--tenant T] | --namespace NS) [--format jsonl|csv] [--resource R] FILE}: writes the
 * records of a file {@code export} wrote (or one like it) into a namespace, through the engine's bulk path
 * ({@link BulkWriter}), with the progress on standard error.
 *
 * <p>Each record is an {@code upsert} by its id, carrying an idempotency key derived from its resource and
 * content (client {@code import}, mutation {@code import-<sha-256>}), so importing a file again changes nothing
 * and says so: the engine answers each record from its key. A record's {@code createdAt} and {@code updatedAt}
 * are the server's to set, so they are left out; the namespace's records get the import's time.
 *
 * <p>A row the engine refuses (a value its field does not accept, a missing required field, an unknown
 * resource) or that is no record (malformed JSON or CSV) is told on standard error with its line number, the
 * engine's code, message and path; the other rows are imported, and the command exits 1 to say some were not.
 * The format is the file's extension ({@code .csv}, else JSON lines) unless {@code --format} says; a CSV file
 * holds one resource, named with {@code --resource}.
 */
@Command(name = "import", description = "Writes the records of a JSON lines or CSV file into a namespace; "
        + "importing it again changes nothing.")
final class ImportCommand implements Callable<Integer> {

    /** The idempotency client of every import's mutations. */
    static final String CLIENT_ID = "import";

    private final Supplier<Config> configuration;

    @Spec
    private CommandSpec spec;

    @Mixin
    private NamespaceOptions namespace;

    @Mixin
    private ProgressOption progress;

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "JSON lines or CSV (default: csv for a .csv file, else jsonl).")
    private ExportCommand.Format format;

    @Option(names = "--resource", paramLabel = "R", description = "The resource of a CSV file's records.")
    private String resource;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    private Path file;

    /** @param configuration the configuration naming the database */
    ImportCommand(Supplier<Config> configuration) {
        this.configuration = configuration;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("there is no file " + file);
        }
        boolean csv = format != null ? format == ExportCommand.Format.CSV
                : file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv && resource == null) {
            throw new IllegalArgumentException("a CSV file holds one resource: name it with --resource "
                    + "(e.g. --resource todos)");
        }
        Namespace ns = namespace.namespace();
        PrintWriter err = spec.commandLine().getErr();
        BulkWriter.Counts counts;
        try (CommandEngine engine = CommandEngine.open(configuration.get())) {
            Schema schema = engine.datafn().schema();
            Optional<ResourceSchema> csvResource = csv ? Optional.of(schema.resource(resource).orElseThrow(
                    () -> new IllegalArgumentException("there is no resource " + resource))) : Optional.empty();
            long expected = csv ? ImportFile.countCsvRows(file) : ImportFile.countJsonLines(file);
            err.println("Importing " + expected + " records of " + file + " into " + ns.value() + " ...");
            ProgressBar bar = progress.bar(err, "records");
            BulkWriter writer = new BulkWriter(engine.datafn(), ns, namespace.actor(),
                    refusal -> err.println(refusal.text()), bar, expected);
            java.util.function.Consumer<ImportFile.Row> rows = row -> {
                String where = "line " + row.line();
                switch (row) {
                    case ImportFile.Found found -> writer.add(where, mutation(schema, found));
                    case ImportFile.Malformed malformed -> writer.refuse(where, malformed.message());
                }
            };
            if (csvResource.isPresent()) {
                ImportFile.readCsv(file, csvResource.get(), rows);
            } else {
                ImportFile.readJsonLines(file, rows);
            }
            counts = writer.finish();
            bar.finish();
        }
        spec.commandLine().getOut().println(summary(file, ns, counts));
        return counts.refused() == 0 ? 0 : ExampleCli.REFUSED;
    }

    /**
     * @param file   the file imported
     * @param ns     the namespace written
     * @param counts what was done
     * @return e.g. {@code Imported todos.jsonl into user:bob: 998 written, 0 already imported, 2 refused (see
     *         above).}
     */
    static String summary(Path file, Namespace ns, BulkWriter.Counts counts) {
        String text = "Imported " + file + " into " + ns.value() + ": " + counts.written() + " written, "
                + counts.unchanged() + " already imported";
        if (counts.refused() > 0) {
            return text + ", " + counts.refused() + " refused (see above).";
        }
        return text + (counts.written() == 0 && counts.unchanged() > 0 ? "; nothing changed." : ".");
    }

    /**
     * @param schema the schema
     * @param found  a record of the file
     * @return its upsert, keyed by its content
     */
    static ObjectNode mutation(Schema schema, ImportFile.Found found) {
        ObjectNode record = found.record().deepCopy();
        Optional<ResourceSchema> resource = schema.resource(found.resource());
        resource.ifPresent(r -> r.fields().stream()
                .filter(f -> f.role() != FieldRole.ID && !f.clientWritable())
                .map(FieldSchema::name)
                .forEach(record::remove));
        ObjectNode mutation = Json.object();
        mutation.put("resource", found.resource());
        mutation.put("version", resource.map(ResourceSchema::version).orElse(1));
        mutation.put("operation", "upsert");
        if (record.path("id").isTextual()) {
            mutation.put("id", record.get("id").textValue());
        }
        mutation.put("clientId", CLIENT_ID);
        mutation.put("mutationId", "import-" + digest(found.resource() + "\n" + record));
        mutation.set("record", record);
        return mutation;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
