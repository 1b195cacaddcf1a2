package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.config.DataFnConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The jar's command line as a user meets it: it serves without a command or with {@code serve}; every command
 * answers {@code --help} with its usage; {@code --version}; a usage error exits 2 with picocli's message; and the
 * progress of the long commands, a bar on a terminal and plain lines elsewhere.
 */
class CommandLineTest {

    /** Every command a user may run, each with its help. */
    private static final List<String> COMMANDS = List.of("serve", "token", "seed", "export", "import", "migrate",
            "baseline", "generate-migration", "reindex", "explain");

    @TempDir
    private Path data;

    private Config config() {
        return DataFnConfig.create(Map.of("DATAFN_DATA_DIR", data.toString()), Map.of(), Main.OWN_OPTIONS,
                ConfigSources.classpath("application.yaml"));
    }

    @Test
    void withoutACommandOrWithServeItServes() {
        AtomicInteger served = new AtomicInteger();
        CommandLine cli = ExampleCli.commandLine(this::config, served::incrementAndGet);
        assertThat(cli.execute()).isZero();
        assertThat(served).hasValue(1);
        assertThat(cli.execute("serve")).isZero();
        assertThat(served).hasValue(2);
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndTheTopListsThem() {
        CliRun top = CliRun.of(config(), "--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).startsWith("Usage: example-todo [-hV] [COMMAND]");
        COMMANDS.forEach(command -> assertThat(top.out()).containsPattern("(?m)^  " + command + " +\\S"));
        assertThat(top.out()).as("the build's own command is hidden").doesNotContain("training-run");
        for (String command : COMMANDS) {
            CliRun help = CliRun.of(config(), command, "--help");
            assertThat(help.status()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: example-todo " + command + " ")
                    .contains("-h, --help").contains("-V, --version");
        }
        assertThat(CliRun.of(config(), "seed", "--help").out()).contains("--todos=N").contains("--seed=S")
                .contains("--user=SUB").contains("--tenant=TENANT").contains("--progress=auto|bar|lines");
        assertThat(CliRun.of(config(), "export", "--help").out()).contains("--format=jsonl|csv").contains("--out=FILE")
                .contains("--resource=R");
        assertThat(CliRun.of(config(), "import", "--help").out()).contains("FILE").contains("--resource=R");
    }

    @Test
    void versionIsTheJarsAndDevelopmentOutsideIt() {
        CliRun version = CliRun.of(config(), "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).isEqualTo("example-todo development\n");
        assertThat(CliRun.of(config(), "token", "--version").out()).isEqualTo("example-todo development\n");
    }

    @Test
    void aUsageErrorExits2WithPicocliMessageAndTheUsage() {
        CliRun unknown = CliRun.of(config(), "sed", "--todos", "3");
        assertThat(unknown.status()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(unknown.err()).contains("Unmatched arguments from index 0: 'sed'").contains("Did you mean")
                .contains("seed");
        CliRun badNumber = CliRun.of(config(), "seed", "--todos", "many", "--user", "u");
        assertThat(badNumber.status()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(badNumber.err()).contains("Invalid value for option '--todos': 'many' is not an int")
                .contains("Usage: example-todo seed");
        CliRun badStyle = CliRun.of(config(), "reindex", "--progress", "dots");
        assertThat(badStyle.status()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(badStyle.err()).contains("Invalid value for option '--progress'");
    }

    @Test
    void importRefusesAFileThatIsNotThereAndACsvWithoutItsResource() throws Exception {
        CliRun missing = CliRun.of(config(), "import", "--user", "u", data.resolve("nothing.jsonl").toString());
        assertThat(missing.status()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(missing.err()).contains("there is no file");
        Path csv = Files.writeString(data.resolve("todos.csv"), "\"id\"\n\"td_1\"\n");
        CliRun noResource = CliRun.of(config(), "import", "--user", "u", csv.toString());
        assertThat(noResource.status()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(noResource.err()).contains("a CSV file holds one resource: name it with --resource");
        assertThat(data.resolve("todo.mv.db")).as("refused before opening the database").doesNotExist();
    }

    @Test
    void aNamespaceIsNamedOnceAndValid() throws Exception {
        String file = Files.writeString(data.resolve("file.jsonl"), "").toString();
        for (String[] args : new String[][] {{"seed", "--todos", "1", "--namespace", ""},
                {"export", "--user", "u", "--namespace", "user:u"}, {"export", "--tenant", "t"},
                {"import", "--namespace", "a\u0000b", file}}) {
            CliRun refused = CliRun.of(config(), args);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
            assertThat(refused.err()).as(String.join(" ", args)).containsPattern("name the namespace|a namespace is 1 to");
        }
        assertThat(data.resolve("todo.mv.db")).as("refused before opening the database").doesNotExist();
    }

    @Test
    void onATerminalTheProgressIsABarRedrawnInPlaceWithTheRateAndTheTimeLeft() {
        StringWriter drawn = new StringWriter();
        AtomicLong clock = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(drawn), clock::get, true, "records");
        clock.set(1_000_000_000L);
        bar.progress(250, 1000);
        clock.set(1_050_000_000L);
        bar.progress(260, 1000);
        clock.set(2_000_000_000L);
        bar.progress(500, 1000);
        clock.set(4_000_000_000L);
        bar.progress(1000, 1000);
        bar.finish();

        // Each redraw erases to the line's end (ESC [K), so the last one, shorter by its ETA, leaves no tail.
        assertThat(drawn.toString()).isEqualTo(
                "\r[#######-----------------------]  25%  250/1000 records  250 records/s  ETA 3s\u001b[K"
                        + "\r[###############---------------]  50%  500/1000 records  250 records/s  ETA 2s\u001b[K"
                        + "\r[##############################] 100%  1000/1000 records  250 records/s\u001b[K"
                        + "\r[##############################] 100%  1000/1000 records  250 records/s\u001b[K\n");
    }

    @Test
    void elsewhereTheProgressIsAPlainLineAtEachTenth() {
        StringWriter written = new StringWriter();
        AtomicLong clock = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintWriter(written), clock::get, false, "records");
        for (int done = 1; done <= 100; done++) {
            clock.addAndGet(100_000_000L);
            bar.progress(done, 100);
        }
        bar.finish();

        List<String> lines = written.toString().lines().toList();
        assertThat(lines).hasSize(10).doesNotHaveDuplicates();
        assertThat(written.toString()).doesNotContain("\r");
        assertThat(lines.getFirst()).isEqualTo("[###---------------------------]  10%  10/100 records  10 records/s  ETA 9s");
        assertThat(lines.get(4)).startsWith("[###############---------------]  50%  50/100 records");
        assertThat(lines.getLast()).isEqualTo("[##############################] 100%  100/100 records  10 records/s");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1h02m");
        assertThat(ProgressBar.duration(185)).isEqualTo("3m05s");
    }
}
