package dev.datafn.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import dev.datafn.json.Json;
import dev.datafn.mutation.parse.MutationParser;
import dev.datafn.mutation.typed.TypedMutation;
import dev.datafn.processor.support.Compilations;
import dev.datafn.processor.support.GeneratedOutput;
import dev.datafn.processor.support.TodoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Right typed mutations compile without a warning under every lint, and the generated
 * {@code <Record>Mutations} give exactly the mutation JSON of the wire. The use site below is written the
 * way an application would, repositories over a scope and a transaction included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypedMutationTest {

    private static final JavaFileObject USE_SITE = Compilations.source(
            TodoFixture.PACKAGE + ".TypedMutations", """
            package dev.datafn.example.todo;

            import com.fasterxml.jackson.databind.node.JsonNodeFactory;
            import dev.datafn.DataFn;
            import dev.datafn.Scope;
            import dev.datafn.mutation.typed.TypedMutation;
            import java.math.BigDecimal;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.util.List;
            import java.util.Optional;

            public final class TypedMutations {
                static final Todo TODO = new Todo("td_1", "Paint the fence", false, null, LocalDate.of(2026, 12, 24),
                        null, "pr_1", List.of("tg_1"), Instant.parse("2026-01-01T00:00:00Z"), null);

                public static TypedMutation<Todo> insert() {
                    return TodoMutations.insert(new Todo(null, "Buy milk", false, 3, null, "2 litres", null, List.of(),
                            Instant.now(), Instant.now())).idempotent("c1", "m1");
                }

                public static TypedMutation<Todo> issueExample() {
                    return TodoMutations.merge("td_1")
                            .set(TodoFields.TITLE, "x")
                            .set(TodoFields.PRIORITY, 3)
                            .clear(TodoFields.NOTES)
                            .set(TodoFields.PROJECT_ID, "pr_2")
                            .ifMatches(TodoFields.COMPLETED.isFalse());
                }

                public static TypedMutation<Project> everyFieldType() {
                    return ProjectMutations.merge("pr_1")
                            .set(ProjectFields.LEVEL, Project.Priority.HIGH)
                            .set(ProjectFields.BUDGET, new BigDecimal("12.50"))
                            .set(ProjectFields.VIEWS, 7L)
                            .set(ProjectFields.SCORE, 0.25)
                            .set(ProjectFields.ARCHIVED, true)
                            .set(ProjectFields.SETTINGS, JsonNodeFactory.instance.objectNode().put("theme", "dark"));
                }

                public static TypedMutation<Todo> replace() {
                    return TodoMutations.replace(TODO);
                }

                public static TypedMutation<Todo> upsert() {
                    return TodoMutations.upsert(TODO).idempotent("c1", "m2");
                }

                public static TypedMutation<Todo> delete() {
                    return TodoMutations.delete("td_1").ifMatches(TodoFields.COMPLETED.isTrue());
                }

                public static TypedMutation<Todo> relate() {
                    return TodoMutations.relate("td_1", TodoFields.TAGS, "tg_1",
                            JsonNodeFactory.instance.objectNode().put("role", "x"));
                }

                public static TypedMutation<Todo> unrelate() {
                    return TodoMutations.unrelate("td_1", TodoFields.TAGS, "tg_1");
                }

                public static TypedMutation<Todo> modifyRelation() {
                    return TodoMutations.modifyRelation("td_1", TodoFields.TAGS, "tg_1",
                            JsonNodeFactory.instance.objectNode().put("role", "y"));
                }

                public static TypedMutation<Project> relateFromTheOneSide() {
                    return ProjectMutations.relate("pr_1", ProjectFields.TODOS, "td_1");
                }

                static Todo inTransaction(DataFn datafn) {
                    return datafn.transact(dev.datafn.schema.Namespace.of("ns"), null, tx -> {
                        TodoRepository todos = TodoRepository.in(tx);
                        Todo stored = todos.upsert(TODO);
                        todos.relate(stored.id(), TodoFields.TAGS, "tg_2");
                        return todos.replace(stored);
                    });
                }

                static Optional<Todo> inScope(Scope scope) {
                    return TodoRepository.in(scope).apply(TodoMutations.merge("td_1").set(TodoFields.COMPLETED, true));
                }
            }
            """);

    private GeneratedOutput output;

    @BeforeAll
    void compile() throws IOException {
        JavaFileObject[] sources = Stream.concat(Stream.of(TodoFixture.all()), Stream.of(USE_SITE))
                .toArray(JavaFileObject[]::new);
        Compilation compilation = Compilations.compile(List.of("-Xlint:all,-processing", "-Werror"), sources);
        assertThat(compilation).succeededWithoutWarnings();
        output = GeneratedOutput.of(compilation, Files.createTempDirectory("datafn-typed-mutations"));
    }

    @AfterAll
    void close() throws IOException {
        output.close();
    }

    private JsonNode wire(String method) throws ReflectiveOperationException {
        Object mutation = output.load(TodoFixture.PACKAGE + ".TypedMutations").getMethod(method).invoke(null);
        JsonNode wire = ((TypedMutation<?>) mutation).toWire();
        // The server's parser takes what the builders render.
        MutationParser.parse(wire, "");
        return wire;
    }

    /** Member order and values count, whitespace does not. */
    private static void assertWire(JsonNode actual, String expected) throws JsonProcessingException {
        assertThat(actual.toString()).isEqualTo(Json.MAPPER.readTree(expected).toString());
    }

    @Test
    void insertLeavesOutNullsAndTheServersFields() throws Exception {
        assertWire(wire("insert"), """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c1", "mutationId": "m1",
                 "record": {"title": "Buy milk", "completed": false, "priority": 3, "notes": "2 litres", "tags": []}}""");
    }

    @Test
    void theIssuesExampleIsTheWireJson() throws Exception {
        assertWire(wire("issueExample"), """
                {"resource": "todos", "version": 1, "operation": "merge", "id": "td_1",
                 "record": {"title": "x", "priority": 3, "notes": null, "projectId": "pr_2"},
                 "if": {"completed": {"eq": false}}}""");
    }

    @Test
    void everyFieldTypeIsSpelledAsTheEngineReadsIt() throws Exception {
        assertThat(wire("everyFieldType").get("record").toString()).isEqualTo(
                "{\"level\":\"HIGH\",\"budget\":12.50,\"views\":7,\"score\":0.25,\"archived\":true,"
                        + "\"settings\":{\"theme\":\"dark\"}}");
    }

    @Test
    void replaceAndUpsertCarryTheWholeRecord() throws Exception {
        String record = """
                {"id": "td_1", "title": "Paint the fence", "completed": false, "dueDate": "2026-12-24",
                 "projectId": "pr_1", "tags": ["tg_1"]}""";
        assertWire(wire("replace"), """
                {"resource": "todos", "version": 1, "operation": "replace", "id": "td_1", "record": %s}"""
                .formatted(record));
        assertWire(wire("upsert"), """
                {"resource": "todos", "version": 1, "operation": "upsert", "clientId": "c1", "mutationId": "m2",
                 "id": "td_1", "record": %s}""".formatted(record));
    }

    @Test
    void deleteAndRelationOperations() throws Exception {
        assertWire(wire("delete"), """
                {"resource": "todos", "version": 1, "operation": "delete", "id": "td_1",
                 "if": {"completed": {"eq": true}}}""");
        assertWire(wire("relate"), """
                {"resource": "todos", "version": 1, "operation": "relate", "id": "td_1", "relation": "tags",
                 "targetId": "tg_1", "metadata": {"role": "x"}}""");
        assertWire(wire("unrelate"), """
                {"resource": "todos", "version": 1, "operation": "unrelate", "id": "td_1", "relation": "tags",
                 "targetId": "tg_1"}""");
        assertWire(wire("modifyRelation"), """
                {"resource": "todos", "version": 1, "operation": "modifyRelation", "id": "td_1", "relation": "tags",
                 "targetId": "tg_1", "metadata": {"role": "y"}}""");
        assertWire(wire("relateFromTheOneSide"), """
                {"resource": "projects", "version": 1, "operation": "relate", "id": "pr_1", "relation": "todos",
                 "targetId": "td_1"}""");
    }
}
