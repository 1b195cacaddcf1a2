package dev.datafn.example.todo;

import dev.datafn.schema.Namespace;
import io.helidon.config.Config;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seed --todos N [--projects P] [--tags T] [--seed S] (--user U [--tenant T] | --namespace NS)}: writes
 * generated sample data ({@link SampleData}) into a namespace through the engine's bulk path
 * ({@link BulkWriter}), with its progress on standard error. The projects and tags go first, then the todos that
 * refer to them. Run again with the same {@code --seed}, it writes only the records the first run did not
 * (a larger {@code --todos}) and says the others were there. Any refused record exits 1.
 */
@Command(name = "seed", description = "Writes generated sample projects, tags and todos into a namespace, "
        + "through the engine's bulk path.")
final class SeedCommand implements Callable<Integer> {

    private final Supplier<Config> configuration;

    @Spec
    private CommandSpec spec;

    @Mixin
    private NamespaceOptions namespace;

    @Mixin
    private ProgressOption progress;

    @Option(names = "--todos", required = true, paramLabel = "N", description = "How many todos.")
    private int todos;

    @Option(names = "--projects", paramLabel = "P", defaultValue = "10",
            description = "How many projects (default: ${DEFAULT-VALUE}).")
    private int projects;

    @Option(names = "--tags", paramLabel = "T", defaultValue = "12",
            description = "How many tags (default: ${DEFAULT-VALUE}).")
    private int tags;

    @Option(names = "--seed", paramLabel = "S", description = "Makes the same records each time "
            + "(default: a random seed, printed).")
    private Long seed;

    /** @param configuration the configuration naming the database */
    SeedCommand(Supplier<Config> configuration) {
        this.configuration = configuration;
    }

    @Override
    public Integer call() {
        if (todos < 0 || projects < 0 || tags < 0) {
            throw new IllegalArgumentException("--todos, --projects and --tags count records: 0 or more");
        }
        Namespace ns = namespace.namespace();
        long chosen = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000);
        SampleData sample = new SampleData(chosen);
        PrintWriter err = spec.commandLine().getErr();
        long expected = (long) projects + tags + todos;
        BulkWriter.Counts counts;
        try (CommandEngine engine = CommandEngine.open(configuration.get())) {
            err.println("Seeding " + ns.value() + " with " + projects + " projects, " + tags
                    + " tags and " + todos + " todos (--seed " + chosen + ") ...");
            ProgressBar bar = progress.bar(err, "records");
            BulkWriter writer = new BulkWriter(engine.datafn(), ns, namespace.actor(),
                    refusal -> err.println(refusal.text()), bar, expected);
            for (int i = 0; i < projects; i++) {
                writer.add("projects #" + (i + 1), sample.project(i));
            }
            for (int i = 0; i < tags; i++) {
                writer.add("tags #" + (i + 1), sample.tag(i));
            }
            for (int i = 0; i < todos; i++) {
                writer.add("todos #" + (i + 1), sample.todo(i, projects, tags));
            }
            counts = writer.finish();
            bar.finish();
        }
        spec.commandLine().getOut().println("Seeded " + ns.value() + ": " + counts.written()
                + " records written, " + counts.unchanged() + " already there (seed " + chosen + ")"
                + (counts.refused() == 0 ? "." : ", " + counts.refused() + " refused."));
        return counts.refused() == 0 ? 0 : ExampleCli.REFUSED;
    }
}
