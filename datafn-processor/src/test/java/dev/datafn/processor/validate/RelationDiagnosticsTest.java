package dev.datafn.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.datafn.processor.support.Compilations.compile;
import static dev.datafn.processor.support.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.diagnostics.Messages;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Problems of relations and indexes, most of which need every resource of the compilation. */
class RelationDiagnosticsTest {

    private static final JavaFileObject PROJECT = source("app.Project", """
            package app;

            import dev.datafn.annotations.*;
            import java.util.List;

            @Resource(name = "projects", idPrefix = "pr")
            public record Project(@Id String id, String name) {
            }
            """);

    private static final JavaFileObject TAG = source("app.Tag", """
            package app;

            import dev.datafn.annotations.*;

            @Resource(name = "tags", idPrefix = "tg")
            public record Tag(@Id String id) {
            }
            """);

    private static final JavaFileObject PRJECT = source("app.Prject", """
            package app;

            public record Prject(String id) {
            }
            """);

    private static JavaFileObject todo(String components) {
        return source("app.Todo", """
                package app;

                import dev.datafn.annotations.*;
                import java.util.List;

                @Resource(name = "todos", idPrefix = "td")
                public record Todo(
                        @Id String id,
                %s) {
                }
                """.formatted(components.indent(8).stripTrailing()));
    }

    @Test
    void targetThatIsNoResourceIsUnknownRelationTarget() {
        JavaFileObject src = todo("@Relation(to = Prject.class) String projectId");

        Compilation compilation = compile(src, PROJECT, TAG, PRJECT);

        assertThat(compilation).hadErrorContaining(
                        Messages.unknownRelationTarget("projectId", "Prject", List.of("Project", "Tag", "Todo")))
                .inFile(src).onLineContaining("to = Prject.class");
        assertThat(compilation).hadErrorContaining("Prject is not a @Resource of this compilation; annotate it "
                + "or point to one of: Project, Tag, Todo");
    }

    @Test
    void manyOneOnIntegerIsInvalidRelation() {
        JavaFileObject src = todo("@Relation(to = Project.class, kind = Relation.Kind.MANY_ONE) Integer projectId");

        assertThat(compile(src, PROJECT)).hadErrorContaining(Messages.relationWrongType(
                        "projectId", "MANY_ONE", "Integer", "String (the target's id)"))
                .inFile(src).onLineContaining("Integer projectId");
    }

    @Test
    void manyManyOnStringIsInvalidRelation() {
        JavaFileObject src = todo("@Relation(to = Tag.class, kind = Relation.Kind.MANY_MANY) String tags");

        assertThat(compile(src, TAG)).hadErrorContaining("[DataFn/InvalidRelation] @Relation(kind = MANY_MANY) on "
                        + "'tags' needs a component of type List<String>")
                .inFile(src).onLineContaining("String tags");
    }

    @Test
    void oneManyWithoutInverseIsInvalidRelation() {
        JavaFileObject src = todo("@Relation(to = Project.class, kind = Relation.Kind.ONE_MANY) List<String> projects");

        assertThat(compile(src, PROJECT)).hadErrorContaining(Messages.oneManyWithoutInverse("projects"))
                .inFile(src).onLineContaining("List<String> projects");
    }

    @Test
    void oneManyWhoseInverseIsMissingIsInvalidRelation() {
        JavaFileObject project = source("app.Project", """
                package app;

                import dev.datafn.annotations.*;
                import java.util.List;

                @Resource(name = "projects", idPrefix = "pr")
                public record Project(
                        @Id String id,
                        @Relation(to = Todo.class, kind = Relation.Kind.ONE_MANY, inverse = "owner") List<String> todos) {
                }
                """);
        JavaFileObject src = todo("@Relation(to = Project.class, name = \"project\") String projectId");

        assertThat(compile(src, project)).hadErrorContaining(
                        Messages.inverseNotFound("todos", "owner", "todos", List.of("project")))
                .inFile(project).onLineContaining("inverse = \"owner\"");
    }

    @Test
    void unknownRecordIndexFieldIsUnknownIndexField() {
        JavaFileObject src = source("app.Todo", """
                package app;

                import dev.datafn.annotations.*;

                @Resource(name = "todos", idPrefix = "td")
                @Index(fields = {"title", "titel"})
                public record Todo(@Id String id, String title) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining(
                        Messages.unknownIndexField("titel", "todos", List.of("id", "title")))
                .inFile(src).onLineContaining("@Index(fields = {\"title\", \"titel\"})");
    }

    @Test
    void secondOfRepeatedIndexesIsPointedAt() {
        JavaFileObject src = source("app.Todo", """
                package app;

                import dev.datafn.annotations.*;

                @Resource(name = "todos", idPrefix = "td")
                @Index(fields = "title")
                @Index(fields = "nope")
                public record Todo(@Id String id, String title) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining("[DataFn/UnknownIndexField] @Index field 'nope'")
                .inFile(src).onLineContaining("@Index(fields = \"nope\")");
    }

    @Test
    void indexOnManyManyListIsUnknownIndexField() {
        JavaFileObject src = todo("@Index @Relation(to = Tag.class, kind = Relation.Kind.MANY_MANY) List<String> tags");

        assertThat(compile(src, TAG)).hadErrorContaining(Messages.listNotIndexable("tags"))
                .inFile(src).onLineContaining("List<String> tags");
    }
}
