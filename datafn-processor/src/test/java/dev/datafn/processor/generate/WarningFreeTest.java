package dev.datafn.processor.generate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.support.Compilations;
import dev.datafn.processor.support.TodoFixture;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/** Generated code must not add warnings to a user's strict build. */
class WarningFreeTest {

    /**
     * Every lint but {@code processing}: that one reports annotations no processor claims (the JPA
     * annotations of generated entities, {@code @Generated}), which no single processor can avoid; the
     * project's own build disables it the same way.
     */
    private static final List<String> STRICT = List.of("-Xlint:all,-processing", "-Werror");

    @Test
    void generatedCodeCompilesWarningFree() {
        Compilation compilation = Compilations.compile(STRICT, TodoFixture.all());

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFiles()).hasSize(20);
    }

    @Test
    void onlyUnclaimedAnnotationsAreReportedUnderAllLints() {
        Compilation compilation = Compilations.compile(List.of("-Xlint:all"), TodoFixture.all());

        assertThat(compilation).succeeded();
        assertThat(compilation.diagnostics().stream()
                        .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                        .map(d -> d.getMessage(null))
                        .filter(m -> !m.startsWith("No processor claimed any of these annotations"))
                        .toList())
                .isEmpty();
    }

    @Test
    void everyGeneratedTypeNamesItsProcessorAndSource() {
        Compilation compilation = Compilations.compile(TodoFixture.all());

        assertThat(compilation).generatedSourceFile("dev.datafn.example.todo.TodoEntity")
                .contentsAsUtf8String()
                .contains("comments = \"from dev.datafn.example.todo.Todo\"");
        assertThat(compilation).generatedSourceFile("dev.datafn.example.todo.TodoSchema")
                .contentsAsUtf8String()
                .contains("value = \"dev.datafn.processor.DataFnProcessor\"");
    }

    @Test
    void generationIsReproducible() throws Exception {
        Compilation first = Compilations.compile(TodoFixture.all());
        Compilation second = Compilations.compile(TodoFixture.all());

        for (var file : first.generatedSourceFiles()) {
            String name = file.getName().substring(file.getName().indexOf("dev/")).replace(".java", "")
                    .replace('/', '.');
            assertThat(second).generatedSourceFile(name).contentsAsUtf8String()
                    .isEqualTo(file.getCharContent(true).toString());
        }
    }
}
