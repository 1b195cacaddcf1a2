package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.config.DataFnConfig;
import dev.datafn.json.Json;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code explain} command asks of its caller, and the index it proposes for a query, without a
 * database; {@link IndexPlanTest} runs it on PostgreSQL.
 */
class ExplainCommandTest {

    @TempDir
    Path directory;

    private Config h2() {
        return DataFnConfig.create(Map.of("DATAFN_DATA_DIR", directory.toString()), Map.of(), Main.OWN_OPTIONS,
                ConfigSources.classpath("application.yaml"));
    }

    private static JsonNode query(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void wrongArgumentsAnswerTheUsage() {
        for (String[] args : new String[][] {{"explain"}, {"explain", "w.json", "--tenant", "t"}}) {
            CliRun refused = CliRun.of(h2(), args);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
            assertThat(refused.err()).contains("Usage: example-todo explain [-hV] [--namespace=NS] <workload.json>");
        }
    }

    @Test
    void aWorkloadThatIsNoListOfQueriesIsRefusedSayingWhatItShouldBe() throws Exception {
        Path workload = Files.writeString(directory.resolve("workload.json"), "[1, 2]");

        CliRun refused = CliRun.of(h2(), "explain", workload.toString());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(refused.err()).contains("is not a JSON array of DFQL queries");
    }

    @Test
    void onH2ItRefusesSinceThePlansArePostgresqls() throws Exception {
        Path workload = Files.writeString(directory.resolve("workload.json"),
                "[{\"resource\": \"todos\", \"version\": 1}]");

        CliRun refused = CliRun.of(h2(), "explain", workload.toString());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(ExampleCli.REFUSED);
        assertThat(refused.err()).contains("explain shows PostgreSQL's plans").contains("DATAFN_DB_URL");
    }

    @Test
    void theProposedIndexHasTheEqualitiesThenTheSortKeys() throws Exception {
        assertThat(IndexAdvice.forQuery(query("""
                {"resource": "todos", "version": 1,
                 "filters": {"priority": {"gte": 3}, "completed": false, "projectId": {"eq": "p1"},
                             "project.name": "Home", "id": {"in": ["a"]}},
                 "sort": ["dueDate:asc", "title:desc", "id:asc"]}""")))
                .contains("@Index(fields = {\"completed\", \"projectId\", \"dueDate\", \"title:desc\"})");
        assertThat(IndexAdvice.forQuery(query("""
                {"resource": "todos", "version": 1, "filters": {"completed": false}, "sort": ["completed:desc"]}""")))
                .as("a sorted field that is also compared goes where the sort puts it")
                .contains("@Index(fields = {\"completed:desc\"})");
        assertThat(IndexAdvice.forQuery(query("{\"resource\": \"todos\", \"version\": 1}")))
                .as("id order: the id index serves it").isEmpty();
    }

    @Test
    void onPostgresqlAWorkloadWithAQueryThatSortsRowsExits3() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.datafn.testing.TestDatabases.postgresConfigured(),
                "PostgreSQL not configured: set -Ddatafn.test.pg.url");
        Path workload = Files.writeString(directory.resolve("workload.json"),
                "[{\"resource\": \"todos\", \"version\": 1, \"sort\": [\"title:asc\"], \"limit\": 20}]");

        CliRun explained = CliRun.of(CliRun.on(dev.datafn.testing.TestDatabases.postgres()), "explain",
                workload.toString());

        assertThat(explained.status()).as(explained.toString()).isEqualTo(ExplainCommand.NEEDS_INDEXES);
        assertThat(explained.out()).contains("Query 1: ").contains("1 of 1 queries sort rows or read a whole table: 1.");
    }
}
