package dev.datafn.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.datafn.processor.support.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.DataFnProcessor;
import dev.datafn.processor.diagnostics.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Records whose types another processor generates later, and the schema class option. */
class ProcessingRoundsTest {

    private static final JavaFileObject TASK = source("app.Task", """
            package app;

            import dev.datafn.annotations.*;

            @Resource(name = "tasks", idPrefix = "tk")
            @Policy(read = "authenticated", write = "authenticated")
            public record Task(@Id String id, Status status) {
            }
            """);

    /** Generates {@code app.Status} in its first round, as another code generator might. */
    static final class StatusGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer out = processingEnv.getFiler().createSourceFile("app.Status").openWriter()) {
                    out.write("package app; public enum Status { OPEN, DONE }");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void recordUsingALaterGeneratedTypeIsProcessedOnceTheTypeExists() {
        Compilation compilation = javac()
                .withProcessors(new DataFnProcessor(), new StatusGenerator())
                .withOptions("-Xlint:all,-processing", "-Werror")
                .compile(TASK);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("app.TaskEntity");
        assertThat(compilation).generatedSourceFile("app.AppSchema").contentsAsUtf8String()
                .contains("FieldSchema.builder(\"status\", FieldType.ENUM)");
    }

    @Test
    void typeThatNeverAppearsIsReportedAsUnresolved() {
        Compilation compilation = javac().withProcessors(new DataFnProcessor()).compile(TASK);

        assertThat(compilation).hadErrorContaining(Messages.unresolvedTypes("Task", List.of("Status")))
                .inFile(TASK).onLineContaining("public record Task");
    }

    @Test
    void optionNamesTheSchemaClass() {
        Compilation compilation = javac()
                .withProcessors(new DataFnProcessor())
                .withOptions("-Adatafn.schemaClass=com.example.AppSchema")
                .compile(source("app.Note", """
                        package app;

                        import dev.datafn.annotations.*;

                        @Resource(name = "notes", idPrefix = "nt")
                        public record Note(@Id String id) {
                        }
                        """));

        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("com.example.AppSchema");
        assertThat(compilation).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT,
                        "META-INF/services/dev.datafn.schema.SchemaProvider")
                .contentsAsUtf8String().isEqualTo("com.example.AppSchema\n");
    }

    @Test
    void malformedOptionIsReported() {
        Compilation compilation = javac()
                .withProcessors(new DataFnProcessor())
                .withOptions("-Adatafn.schemaClass=com.example.1Schema")
                .compile(source("app.Note", """
                        package app;

                        import dev.datafn.annotations.*;

                        @Resource(name = "notes", idPrefix = "nt")
                        public record Note(@Id String id) {
                        }
                        """));

        assertThat(compilation).hadErrorContaining(
                Messages.invalidSchemaClassOption("datafn.schemaClass", "com.example.1Schema"));
    }
}
