package dev.datafn.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.datafn.processor.support.Compilations.compile;
import static dev.datafn.processor.support.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.diagnostics.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Problems of a resource as a whole: its kind, names and id. */
class ResourceDiagnosticsTest {

    @Test
    void recordWithoutIdIsMissingId() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.missingId("Note", "notes"))
                .inFile(src).onLineContaining("public record Note");
    }

    @Test
    void twoIdsAreDuplicateId() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(
                        @Id String id,
                        @Id String key) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.duplicateId("Note", "id", "key"))
                .inFile(src).onLineContaining("@Id String key");
    }

    @Test
    void nonStringIdIsInvalidId() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(
                        @Id long id,
                        String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.invalidId("id", "long"))
                .inFile(src).onLineContaining("@Id long id");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void idNotNamedIdIsInvalidId() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(
                        @Id String key,
                        String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.idNotNamedId("key"))
                .inFile(src).onLineContaining("@Id String key");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void classIsNotARecord() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public class Note {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.notARecord("class", "Note"))
                .inFile(src).onLineContaining("public class Note");
    }

    @Test
    void interfaceIsNotARecord() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public interface Note {
                }
                """);

        assertThat(compile(src)).hadErrorContaining("[DataFn/NotARecord]")
                .inFile(src).onLineContaining("public interface Note");
    }

    @Test
    void kvIsBuiltInResourceName() {
        JavaFileObject src = source("app.Setting", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(
                        name = "kv",
                        idPrefix = "st")
                public record Setting(@Id String id, String text) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining("[DataFn/BuiltInResourceName]")
                .inFile(src).onLineContaining("name = \"kv\"");
        assertThat(compile(src)).hadErrorContaining(Messages.builtInResourceName("kv"));
    }

    @Test
    void upperCaseNameIsInvalidResourceName() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(
                        name = "Notes",
                        idPrefix = "nt")
                public record Note(@Id String id) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining(Messages.invalidResourceName("Notes"))
                .inFile(src).onLineContaining("name = \"Notes\"");
    }

    @Test
    void prefixWithDashIsInvalidIdPrefix() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(
                        name = "notes",
                        idPrefix = "n-t")
                public record Note(@Id String id) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining(Messages.invalidIdPrefix("n-t"))
                .inFile(src).onLineContaining("idPrefix = \"n-t\"");
    }

    @Test
    void versionZeroIsInvalidVersion() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes",
                        version = 0,
                        idPrefix = "nt")
                public record Note(@Id String id) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining(Messages.invalidVersion(0))
                .inFile(src).onLineContaining("version = 0");
    }

    @Test
    void secondRecordWithSameNameIsDuplicateResource() {
        JavaFileObject first = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(@Id String id) {
                }
                """);
        JavaFileObject second = source("app.Memo", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "me")
                public record Memo(@Id String id) {
                }
                """);

        Compilation compilation = compile(first, second);

        assertThat(compilation).hadErrorContaining(Messages.duplicateResource("notes", "Memo", "app.Note"))
                .inFile(second).onLineContaining("@Resource(name = \"notes\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void packagePrivateRecordIsNotPublic() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                record Note(@Id String id) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining(Messages.notPublic("Note"))
                .inFile(src).onLineContaining("record Note(");
    }

    @Test
    void typeNamedLikeAGeneratedOneIsANameClash() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(@Id String id) {
                }
                """);
        JavaFileObject clash = source("app.NoteFields", """
                package app;

                public final class NoteFields {
                }
                """);

        assertThat(compile(src, clash)).hadErrorContaining(Messages.generatedNameTaken("app.NoteFields", "record Note"))
                .inFile(src).onLineContaining("public record Note");
    }
}
