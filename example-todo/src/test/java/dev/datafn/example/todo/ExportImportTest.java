package dev.datafn.example.todo;

import static dev.datafn.example.todo.AbstractEngineTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.config.DataFnSettings;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabase;
import io.helidon.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * {@code export} and {@code import}: a namespace of hostile values (quotes, commas, line breaks, unicode, nulls
 * beside empty strings, empty lists) exported and imported into another namespace gives back every record, as
 * JSON lines and as CSV; importing again changes nothing and says so; a file with bad rows reports each with its
 * line number and the engine's message and path, and imports the others.
 */
@OnEveryDatabase
class ExportImportTest {

    /** Each resource's fields a client writes: createdAt and updatedAt are the server's, set at the import. */
    private static final Map<String, String> FIELDS = Map.of(
            "projects", "[\"id\", \"name\", \"color\", \"archived\"]",
            "tags", "[\"id\", \"name\"]",
            "todos", "[\"id\", \"title\", \"completed\", \"priority\", \"dueDate\", \"notes\", \"projectId\", \"tags\"]");

    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path files;

    private Config config;

    private String source;

    @BeforeEach
    void writeHostileRecords() {
        config = CliRun.on(testDatabase.open());
        source = "exporter-" + UUID.randomUUID();
        try (DataFn datafn = engine()) {
            Namespace ns = Namespace.user(source);
            for (String mutation : List.of(
                    "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": "
                            + "\"pj_a\", \"name\": \"Home, \\\"sweet\\\" home\", \"color\": null, \"archived\": true}}",
                    "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": "
                            + "\"pj:b.2\", \"name\": \"\u00dcn\u00efc\u00f8d\u00e9 \uD83C\uDFE0\\nsecond line\", "
                            + "\"color\": \"\"}}",
                    "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"tg_1\", "
                            + "\"name\": \"a,b\"}}",
                    "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"tg_2\", "
                            + "\"name\": \"\\\"quoted\\\"\"}}",
                    "{\"resource\": \"tags\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"tg_3\", "
                            + "\"name\": \"  spaces, \\r\\n and a CRLF  \"}}",
                    "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td_1\", "
                            + "\"title\": \"Say \\\"hi\\\", then\\nleave\", \"tags\": []}}",
                    "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td_2\", "
                            + "\"title\": \"\u65e5\u672c\u8a9e \uD83D\uDE00 e\u0301\", \"notes\": \"\", \"completed\": true, "
                            + "\"priority\": 5, \"dueDate\": \"2028-02-29\", \"projectId\": \"pj_a\", "
                            + "\"tags\": [\"tg_1\", \"tg_2\"]}}",
                    "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td_3\", "
                            + "\"title\": \"null\", \"notes\": \"NULL\", \"projectId\": \"pj:b.2\", \"tags\": [\"tg_3\"]}}",
                    "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td_4\", "
                            + "\"title\": \"=1+2,\\\"\\\",\", \"notes\": \"line 1\\r\\nline 2\\n\", \"priority\": 0}}")) {
                datafn.mutate(ns, source, json(mutation));
            }
        }
    }

    @Test
    void jsonLinesRoundTripEveryRecordAndASecondImportChangesNothing() throws Exception {
        Path exported = files.resolve("namespace.jsonl");
        CliRun export = CliRun.of(config, "export", "--user", source, "--out", exported.toString(),
                "--progress", "lines");
        assertThat(export.status()).as(export.toString()).isZero();
        assertThat(export.out()).contains("Exported 9 records of");
        assertThat(export.err()).contains("] 100%  9/9 records");
        List<String> lines = Files.readAllLines(exported, StandardCharsets.UTF_8);
        assertThat(lines).as("one record a line").hasSize(9);
        assertThat(lines.getLast()).as("the todos after the projects and tags they refer to")
                .startsWith("{\"resource\":\"todos\",\"record\":{");

        String target = "importer-" + UUID.randomUUID();
        CliRun imported = CliRun.of(config, "import", "--user", target, exported.toString(), "--progress", "lines");
        assertThat(imported.status()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("9 written, 0 already imported.");
        assertThat(imported.err()).contains("] 100%  9/9 records");
        assertSameRecords(Namespace.user(source), Namespace.user(target));

        Map<String, List<ObjectNode>> before = records(Namespace.user(target), true);
        CliRun again = CliRun.of(config, "import", "--user", target, exported.toString());
        assertThat(again.status()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 written, 9 already imported; nothing changed.");
        assertThat(records(Namespace.user(target), true)).as("not even updatedAt moved").isEqualTo(before);
    }

    @Test
    void onStandardOutputTheExportIsTheRecordsAloneInUtf8() {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        CliRun export;
        try {
            System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            export = CliRun.of(config, "export", "--user", source, "--resource", "todos", "--resource", "tags");
        } finally {
            System.setOut(stdout);
        }
        assertThat(export.status()).as(export.toString()).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(7).allMatch(line -> line.startsWith("{\"resource\":\"t"));
        assertThat(lines.subList(0, 3)).as("the tags the todos refer to first")
                .allMatch(line -> line.startsWith("{\"resource\":\"tags\""));
        assertThat(lines).anyMatch(line -> line.contains("\u65e5\u672c\u8a9e \uD83D\uDE00 e\u0301"));
        assertThat(export.err()).as("the summary beside the progress").contains("Exported 7 records of tags, todos from user:");
    }

    @Test
    void csvRoundTripsEveryRecordOneResourceAFile() throws Exception {
        String target = "csv-" + UUID.randomUUID();
        for (String resource : List.of("projects", "tags", "todos")) {
            Path file = files.resolve(resource + ".csv");
            CliRun export = CliRun.of(config, "export", "--user", source, "--format", "csv", "--resource", resource,
                    "--out", file.toString());
            assertThat(export.status()).as(export.toString()).isZero();
            CliRun imported = CliRun.of(config, "import", "--user", target, "--resource", resource, file.toString());
            assertThat(imported.status()).as(imported.toString()).isZero();
        }
        assertSameRecords(Namespace.user(source), Namespace.user(target));

        String todos = Files.readString(files.resolve("todos.csv"), StandardCharsets.UTF_8);
        assertThat(todos.lines().findFirst().orElseThrow())
                .isEqualTo("\"id\",\"title\",\"completed\",\"priority\",\"dueDate\",\"notes\",\"projectId\",\"tags\","
                        + "\"createdAt\",\"updatedAt\"");
        assertThat(todos).as("a null is an empty cell, an empty string a quoted one, a list its JSON")
                .contains("\"td_1\",\"Say \"\"hi\"\", then\nleave\",\"false\",\"0\",,,,\"[]\",")
                .contains(",\"\",\"pj_a\",\"[\"\"tg_1\"\",\"\"tg_2\"\"]\",");

        CliRun csvWithoutResource = CliRun.of(config, "export", "--user", source, "--format", "csv");
        assertThat(csvWithoutResource.status()).isEqualTo(ExampleCli.WRONG_ARGUMENTS);
        assertThat(csvWithoutResource.err()).contains("a CSV file holds one resource");
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbersAndTheOthersImported() throws Exception {
        Path file = Files.writeString(files.resolve("bad.jsonl"), String.join("\n",
                "{\"resource\": \"projects\", \"record\": {\"id\": \"pj_1\", \"name\": \"Fine\"}}",
                "{\"resource\": \"todos\", \"record\": {\"id\": \"td_long\", \"title\": \"" + "x".repeat(201) + "\"}}",
                "{\"resource\": \"todos\", \"record\": {\"id\": \"td_broken\", \"title\": ",
                "{\"resource\": \"todos\", \"record\": {\"id\": \"td_untitled\", \"priority\": 2}}",
                "{\"resource\": \"todo\", \"record\": {\"id\": \"td_typo\", \"title\": \"Typo\"}}",
                "",
                "{\"resource\": \"todos\", \"record\": {\"id\": \"td_ok\", \"title\": \"Fine\", \"projectId\": \"pj_1\"}}",
                ""), StandardCharsets.UTF_8);
        String target = "bad-" + UUID.randomUUID();

        CliRun imported = CliRun.of(config, "import", "--user", target, file.toString());

        assertThat(imported.status()).as("some rows were refused: " + imported).isEqualTo(ExampleCli.REFUSED);
        assertThat(imported.out()).contains("2 written, 0 already imported, 4 refused (see above).");
        assertThat(imported.err())
                .containsPattern("line 2: VALIDATION_FAILED at record\\.title: .*200")
                .contains("line 3: MALFORMED: not JSON")
                .containsPattern("line 4: VALIDATION_FAILED at record\\.title: ")
                .contains("line 5: DFQL_UNKNOWN_RESOURCE at resource: ")
                .doesNotContain("line 1:").doesNotContain("line 7:");
        assertThat(imported.err().lines().filter(line -> line.startsWith("line ")).map(line -> line.substring(0, 6)))
                .as("in the file's order").containsExactly("line 2", "line 3", "line 4", "line 5");
        assertThat(records(Namespace.user(target), false).get("todos"))
                .containsExactly(json("{\"id\": \"td_ok\", \"title\": \"Fine\", \"completed\": false, \"priority\": 0,"
                        + " \"dueDate\": null, \"notes\": null, \"projectId\": \"pj_1\", \"tags\": []}"));
    }

    @Test
    void aBadCsvRowIsReportedWithTheLineItStartsOn() throws Exception {
        Path file = Files.writeString(files.resolve("todos.csv"), String.join("\n",
                "\"id\",\"title\",\"priority\",\"notes\"",
                "\"td_1\",\"Two\nlines\",\"1\",",
                "\"td_2\",\"" + "x".repeat(201) + "\",\"1\",",
                "\"td_3\",\"Urgent\",\"high\",\"\"",
                "\"td_4\",\"Short row\"",
                "\"td_5\",\"Fine\",\"3\",\"a \"\"note\"\"\"",
                ""), StandardCharsets.UTF_8);
        String target = "bad-csv-" + UUID.randomUUID();

        CliRun imported = CliRun.of(config, "import", "--user", target, "--resource", "todos", file.toString());

        assertThat(imported.status()).as(imported.toString()).isEqualTo(ExampleCli.REFUSED);
        assertThat(imported.err())
                .contains("line 4: VALIDATION_FAILED at record.title: ")
                .containsPattern("line 5: [A-Z_]+ at record\\.priority: ")
                .contains("line 6: MALFORMED: has 2 values for the header's 4 columns")
                .doesNotContain("line 2:").doesNotContain("line 3:").doesNotContain("line 7:");
        assertThat(records(Namespace.user(target), false).get("todos")).extracting(r -> r.path("title").textValue())
                .containsExactly("Two\nlines", "Fine");
        assertThat(records(Namespace.user(target), false).get("todos").getLast().path("notes").textValue())
                .isEqualTo("a \"note\"");
    }

    private DataFn engine() {
        return Main.engine(DataFnSettings.read(config.get("datafn"), Main.OWN_OPTIONS)).build();
    }

    private void assertSameRecords(Namespace from, Namespace to) {
        Map<String, List<ObjectNode>> expected = records(from, false);
        assertThat(expected.get("todos")).hasSize(4);
        assertThat(records(to, false)).isEqualTo(expected);
    }

    /** @return each resource's records in id order, with the server's timestamps or only what a client writes */
    private Map<String, List<ObjectNode>> records(Namespace ns, boolean withTimestamps) {
        try (DataFn datafn = engine()) {
            Map<String, List<ObjectNode>> records = new java.util.TreeMap<>();
            FIELDS.forEach((resource, fields) -> {
                String select = withTimestamps ? "" : ", \"select\": " + fields;
                JsonNode query = json("{\"resource\": \"" + resource + "\", \"version\": 1, \"limit\": 100"
                        + select + "}");
                records.put(resource, datafn.query(ns, query).data());
            });
            return records;
        }
    }
}
