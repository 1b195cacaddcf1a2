package dev.datafn.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.datafn.processor.support.Compilations.compile;
import static dev.datafn.processor.support.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.support.GeneratedOutput;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.nio.file.Files;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How {@code @Index} keys are written (DFQL sort terms), what they become, and what is refused. */
class IndexDiagnosticsTest {

    private static JavaFileObject todo(String indexes) {
        return source("app.Todo", """
                package app;

                import dev.datafn.annotations.*;
                import java.time.LocalDate;

                @Resource(name = "todos", idPrefix = "td")
                @Policy(read = "anyone", write = "anyone")
                %s
                public record Todo(@Id String id, String title, boolean completed, Integer priority, LocalDate dueDate) {
                }
                """.formatted(indexes));
    }

    @Test
    void keysKeepTheirDirectionAndTheIdEndsEveryIndexAscending() throws Exception {
        Compilation compilation = compile(todo("""
                @Index(fields = {"completed", "priority:desc"})
                @Index(fields = {"completed", "dueDate:asc"}, name = "open_by_due")
                @Index(fields = {"title", "id"})"""));
        assertThat(compilation).succeededWithoutWarnings();

        try (GeneratedOutput output = GeneratedOutput.of(compilation, Files.createTempDirectory("datafn-index"))) {
            Table table = output.load("app.TodoEntity").getAnnotation(Table.class);
            assertThat(table.indexes()).extracting(Index::name, Index::columnList).containsExactly(
                    tuple("todos_completed_priority_desc_idx", "namespace, completed, priority desc, id"),
                    tuple("open_by_due", "namespace, completed, due_date, id"),
                    tuple("todos_title_id_idx", "namespace, title, id"));
        }
    }

    @Test
    void anIndexOnTheIdAloneIsThePrimaryKeySoNoneIsGenerated() throws Exception {
        Compilation compilation = compile(todo("""
                @Index(fields = "id")
                @Index(fields = {"title", "id:asc"})"""));
        assertThat(compilation).succeededWithoutWarnings();

        try (GeneratedOutput output = GeneratedOutput.of(compilation, Files.createTempDirectory("datafn-index"))) {
            Table table = output.load("app.TodoEntity").getAnnotation(Table.class);
            assertThat(table.indexes()).as("the key (namespace, id) serves id order; a copy would only slow writes")
                    .extracting(Index::name, Index::columnList)
                    .containsExactly(tuple("todos_title_id_idx", "namespace, title, id"));
        }
    }

    @Test
    void aDirectionDataFnDoesNotSortByIsRefusedOnTheFieldsValue() {
        JavaFileObject src = todo("@Index(fields = {\"completed\", \"priority:down\"})");

        assertThat(compile(src)).hadErrorContaining(Messages.invalidIndexDirection("priority:down"))
                .inFile(src).onLineContaining("priority:down");
        assertThat(Messages.invalidIndexDirection("priority:down"))
                .startsWith("[DataFn/InvalidIndexOrder]").contains("'priority:desc'");
    }

    @Test
    void theIdBeforeOtherFieldsIsRefused() {
        JavaFileObject src = todo("@Index(fields = {\"id\", \"title\"})");

        assertThat(compile(src)).hadErrorContaining(Messages.idNotLastInIndex("id", "todos"))
                .inFile(src).onLineContaining("@Index(fields = {\"id\", \"title\"})");
    }

    @Test
    void theIdDescendingIsRefusedSinceDataFnSortsItAscending() {
        JavaFileObject src = todo("@Index(fields = {\"title\", \"id:desc\"})");

        assertThat(compile(src)).hadErrorContaining(Messages.idDescendingInIndex("id", "todos"))
                .inFile(src).onLineContaining("id:desc");
    }

    @Test
    void aFieldListedTwiceIsRefused() {
        JavaFileObject src = todo("@Index(fields = {\"priority\", \"priority:desc\"})");

        assertThat(compile(src)).hadErrorContaining(Messages.repeatedIndexField("priority", "todos"))
                .inFile(src).onLineContaining("priority:desc");
    }

    @Test
    void anUnknownFieldWithADirectionIsNamedWithoutIt() {
        JavaFileObject src = todo("@Index(fields = \"priorty:desc\")");

        assertThat(compile(src)).hadErrorContaining("[DataFn/UnknownIndexField] @Index field 'priorty'")
                .inFile(src).onLineContaining("priorty:desc");
    }
}
