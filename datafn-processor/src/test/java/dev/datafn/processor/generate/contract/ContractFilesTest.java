package dev.datafn.processor.generate.contract;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonValue;
import com.google.testing.compile.Compilation;
import dev.datafn.processor.support.CompiledFixture;
import dev.datafn.processor.support.Compilations;
import dev.datafn.processor.support.GeneratedOutput;
import dev.datafn.processor.support.TodoFixture;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture's per-resource JSON Schemas, Table Schemas and TypeScript declarations. */
class ContractFilesTest {

    private static JsonValue.JsonObject json(String path) throws Exception {
        return (JsonValue.JsonObject) JsonReader.parse(CompiledFixture.output().text(path));
    }

    private static JsonValue at(JsonValue value, String... path) {
        JsonValue at = value;
        for (String step : path) {
            at = at instanceof JsonValue.JsonArray array ? array.items().get(Integer.parseInt(step))
                    : ((JsonValue.JsonObject) at).members().get(step);
        }
        return at;
    }

    @Test
    void jsonSchemaOfARecordIsDraft2020WithReferencesToItsNeighbours() throws Exception {
        JsonValue.JsonObject todo = json("META-INF/datafn/schemas/todos.schema.json");

        assertThat(at(todo, "$schema")).isEqualTo(new JsonValue.JsonString(
                "https://json-schema.org/draft/2020-12/schema"));
        assertThat(at(todo, "properties", "title", "maxLength")).isEqualTo(new JsonValue.JsonNumber("200"));
        assertThat(at(todo, "properties", "project", "anyOf", "0", "$ref"))
                .isEqualTo(new JsonValue.JsonString("projects.schema.json"));
        assertThat(at(todo, "additionalProperties")).isEqualTo(new JsonValue.JsonBoolean(false));
    }

    @Test
    void tableSchemaHasTypesConstraintsPrimaryAndForeignKeys() throws Exception {
        JsonValue.JsonObject todos = json("META-INF/datafn/table-schemas/todos.json");
        JsonValue.JsonObject projects = json("META-INF/datafn/table-schemas/projects.json");

        assertThat(at(todos, "primaryKey")).isEqualTo(new JsonValue.JsonArray(List.of(
                new JsonValue.JsonString("id"))));
        assertThat(at(todos, "foreignKeys", "0", "fields", "0")).isEqualTo(new JsonValue.JsonString("projectId"));
        assertThat(at(todos, "foreignKeys", "0", "reference", "resource"))
                .isEqualTo(new JsonValue.JsonString("projects"));
        assertThat(at(todos, "fields", "1", "name")).isEqualTo(new JsonValue.JsonString("title"));
        assertThat(at(todos, "fields", "1", "constraints", "required")).isEqualTo(new JsonValue.JsonBoolean(true));
        assertThat(at(todos, "fields", "4", "type")).isEqualTo(new JsonValue.JsonString("date"));
        assertThat(at(projects, "fields", "1", "constraints", "unique")).isEqualTo(new JsonValue.JsonBoolean(true));
        assertThat(at(projects, "fields", "4", "constraints", "enum", "2")).isEqualTo(new JsonValue.JsonString("HIGH"));
        assertThat(at(projects, "foreignKeys")).isNull();
    }

    @Test
    void typeScriptDeclaresRecordsQueriesAndMutations() {
        String declarations = CompiledFixture.output().text(TypeScriptDeclarations.PATH);

        assertThat(declarations).contains("export type Todo = {", "export type TodoQuery = {",
                "export type TodoFilter = {", "export type TodoMutation = (", "export type Envelope<T>",
                "export type TodoField = \"id\" | \"title\"", "readonly \"createdAt\"?: string;",
                "\"level\"?: (\"LOW\" | \"MEDIUM\" | \"HIGH\" | null);");
    }

    @Test
    void aSecondCompilationWritesTheSameBytes() throws Exception {
        Compilation again = Compilations.compile(TodoFixture.all());
        assertThat(again).succeeded();

        try (GeneratedOutput second = GeneratedOutput.of(again, Files.createTempDirectory("datafn-again"))) {
            for (String path : List.of(OpenApiDocument.PATH, TypeScriptDeclarations.PATH,
                    "META-INF/datafn/schemas/todos.schema.json", "META-INF/datafn/table-schemas/todos.json")) {
                org.assertj.core.api.Assertions.assertThat(second.text(path)).as(path)
                        .isEqualTo(CompiledFixture.output().text(path));
            }
        }
    }
}
