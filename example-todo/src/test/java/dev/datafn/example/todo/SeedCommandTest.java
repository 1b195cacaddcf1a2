package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import io.helidon.config.Config;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * {@code seed}: generated projects, tags and todos written into the namespace a user's token names, counted back
 * through the engine, with its progress; the same {@code --seed} makes the same records and, run again, changes
 * nothing.
 */
@OnEveryDatabase
class SeedCommandTest {

    @Parameter
    private TestDatabase testDatabase;

    private Config config;

    private String user;

    @BeforeEach
    void configure() {
        config = CliRun.on(testDatabase.open());
        user = "seeder-" + UUID.randomUUID();
    }

    @Test
    void seedWritesTheAskedRecordsIntoTheUsersNamespaceWithProgressLines() {
        CliRun seeded = CliRun.of(config, "seed", "--todos", "1000", "--projects", "4", "--tags", "6",
                "--user", user, "--seed", "42", "--progress", "lines");

        assertThat(seeded.status()).as(seeded.toString()).isZero();
        assertThat(seeded.out()).contains("Seeded user:" + user + ": 1010 records written, 0 already there");
        assertThat(seeded.err()).as("plain lines, none redrawn").doesNotContain("\r")
                .contains("] 100%  1010/1010 records");
        java.util.List<String> progress = seeded.err().lines().filter(line -> line.startsWith("[")).toList();
        assertThat(progress).as("a line at each tenth reached, at most").hasSizeBetween(2, 10)
                .allMatch(line -> line.matches("\\[[#-]{30}] +\\d+%  \\d+/1010 records  \\d+ records/s.*"));
        assertThat(progress.getFirst()).as("an estimate of the time left while some is").contains("ETA ");
        try (DataFn datafn = Main.engine(settings()).build()) {
            Namespace ns = Namespace.user(user);
            assertThat(count(datafn, ns, "todos")).isEqualTo(1000);
            assertThat(count(datafn, ns, "projects")).isEqualTo(4);
            assertThat(count(datafn, ns, "tags")).isEqualTo(6);
            assertThat(count(datafn, ns, "todos", "{\"projectId\": {\"is_not_null\": true}}"))
                    .as("most todos belong to a project").isBetween(600L, 950L);
            assertThat(datafn.query(ns, json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 1, "
                    + "\"filters\": {\"id\": \"td_s42_0\"}}")).data().getFirst().path("title").textValue())
                    .as("a plausible title").matches("[A-Z][a-z]+ .+");
        }

        CliRun again = CliRun.of(config, "seed", "--todos", "1000", "--projects", "4", "--tags", "6",
                "--user", user, "--seed", "42", "--progress", "lines");
        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 records written, 1010 already there");
        CliRun more = CliRun.of(config, "seed", "--todos", "1100", "--projects", "4", "--tags", "6",
                "--user", user, "--seed", "42");
        assertThat(more.out()).as(more.toString()).contains("100 records written, 1010 already there");
    }

    @Test
    void theSameSeedMakesTheSameRecordsInAnyNamespaceAndATenantNamesItsOwn() {
        String tenant = "acme-" + UUID.randomUUID();
        assertThat(CliRun.of(config, "seed", "--todos", "30", "--user", user, "--seed", "7").status()).isZero();
        CliRun tenants = CliRun.of(config, "seed", "--todos", "30", "--user", user, "--tenant", tenant, "--seed", "7",
                "--progress", "bar");
        assertThat(tenants.status()).as(tenants.toString()).isZero();
        assertThat(tenants.err()).as("a bar redrawn in place").contains("\r[").contains("100%  52/52 records");

        try (DataFn datafn = Main.engine(settings()).build()) {
            String query = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 100, \"select\": [\"id\", "
                    + "\"title\", \"completed\", \"priority\", \"dueDate\", \"notes\", \"projectId\", \"tags\"]}";
            assertThat(datafn.query(Namespace.tenantUser(tenant, user), json(query)).data())
                    .isEqualTo(datafn.query(Namespace.user(user), json(query)).data()).hasSize(30);
        }
    }

    @Test
    void aNamespaceMustBeNamed() {
        CliRun unnamed = CliRun.of(config, "seed", "--todos", "5");
        assertThat(unnamed.status()).isEqualTo(2);
        assertThat(unnamed.err()).contains("--user SUB");
        CliRun noCount = CliRun.of(config, "seed", "--user", user);
        assertThat(noCount.status()).isEqualTo(2);
        assertThat(noCount.err()).contains("Missing required option: '--todos=N'").contains("Usage: example-todo seed");
    }

    private dev.datafn.config.DataFnSettings settings() {
        return dev.datafn.config.DataFnSettings.read(config.get("datafn"), Main.OWN_OPTIONS);
    }

    static long count(DataFn datafn, Namespace ns, String resource) {
        return count(datafn, ns, resource, "{}");
    }

    static long count(DataFn datafn, Namespace ns, String resource, String filters) {
        return datafn.query(ns, json("{\"resource\": \"" + resource + "\", \"version\": 1, \"limit\": 0, "
                + "\"count\": true, \"filters\": " + filters + "}")).count();
    }
}
