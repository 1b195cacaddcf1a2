package dev.datafn.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.support.Compilations;
import dev.datafn.processor.support.TodoFixture;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wrong typed queries are compile errors, reported by javac on the offending expression with a message
 * that names what is wrong: the operator that does not exist on the field's type, or the type that does
 * not fit. Each case compiles the fixture's resources, their generated code and one use site.
 *
 * <p>The expected messages are written as javac prints them on the command line, with simple type names
 * ({@code variable COMPLETED of type BooleanField<Todo>}); compile-testing reports qualified names, which
 * {@link #qualified} spells out.
 */
class TypedQueryCompileErrorsTest {

    private static final Map<String, String> QUALIFIED = Map.ofEntries(
            Map.entry("Todo", TodoFixture.PACKAGE + ".Todo"),
            Map.entry("Project", TodoFixture.PACKAGE + ".Project"),
            Map.entry("Priority", TodoFixture.PACKAGE + ".Project.Priority"),
            Map.entry("TodoQuery", TodoFixture.PACKAGE + ".TodoQuery"),
            Map.entry("ProjectQuery", TodoFixture.PACKAGE + ".ProjectQuery"),
            Map.entry("String", "java.lang.String"),
            Map.entry("Integer", "java.lang.Integer"),
            Map.entry("Long", "java.lang.Long"),
            Map.entry("LocalDate", "java.time.LocalDate"),
            Map.entry("BooleanField", "dev.datafn.query.typed.BooleanField"),
            Map.entry("StringField", "dev.datafn.query.typed.StringField"),
            Map.entry("NumberField", "dev.datafn.query.typed.NumberField"),
            Map.entry("EnumField", "dev.datafn.query.typed.EnumField"),
            Map.entry("JsonField", "dev.datafn.query.typed.JsonField"),
            Map.entry("Criterion", "dev.datafn.query.typed.Criterion"),
            Map.entry("Map", "java.util.Map"),
            Map.entry("SortKey", "dev.datafn.query.typed.SortKey"),
            Map.entry("AggregateRow", "dev.datafn.query.typed.AggregateRow"));
    private static final Pattern SIMPLE_NAME = Pattern.compile("(?<![\\w.])(" + String.join("|", QUALIFIED.keySet()) + ")\\b");

    static Stream<Arguments> wrongQueries() {
        return Stream.of(
                wrong("a boolean has no order to compare",
                        "TodoFields.COMPLETED.gt(true)",
                        "cannot find symbol", "method gt(boolean)", "variable COMPLETED of type BooleanField<Todo>"),
                wrong("a boolean has no pattern to match",
                        "TodoFields.COMPLETED.like(\"t%\")",
                        "cannot find symbol", "method like(String)", "BooleanField<Todo>"),
                wrong("a number is compared with numbers",
                        "TodoFields.PRIORITY.eq(\"high\")",
                        "incompatible types: String cannot be converted to Integer"),
                wrong("a date is compared with dates",
                        "TodoFields.DUE_DATE.gt(\"2026-01-01\")",
                        "incompatible types: String cannot be converted to LocalDate"),
                wrong("contains is for JSON fields and many-many lists, not text",
                        "TodoFields.TITLE.contains(\"milk\")",
                        "cannot find symbol", "method contains(String)", "variable TITLE of type StringField<Todo>"),
                wrong("enum constants have no order to compare",
                        "ProjectFields.LEVEL.gt(Project.Priority.LOW)",
                        "cannot find symbol", "method gt(Priority)", "EnumField<Project,Priority>"),
                wrong("a condition on projects does not filter todos",
                        "TodoQuery.where(ProjectFields.NAME.eq(\"x\"))",
                        "incompatible types: Criterion<Project> cannot be converted to Criterion<Todo>"),
                wrong("conditions of two resources do not combine",
                        "TodoFields.COMPLETED.isTrue().and(ProjectFields.ARCHIVED.isTrue())",
                        "incompatible types: Criterion<Project> cannot be converted to Criterion<Todo>"),
                wrong("a relation filter takes a condition on the relation's target",
                        "TodoFields.PROJECT.where(TodoFields.TITLE.eq(\"x\"))",
                        "incompatible types: Criterion<Todo> cannot be converted to Criterion<Project>"),
                wrong("a JSON field cannot be sorted by",
                        "ProjectQuery.all().orderBy(ProjectFields.SETTINGS.asc())",
                        "cannot find symbol", "method asc()", "variable SETTINGS of type JsonField<Project>"),
                wrong("a JSON field cannot be compared",
                        "ProjectFields.SETTINGS.eq(null)",
                        "cannot find symbol", "method eq(<nulltype>)", "JsonField<Project>"),
                wrong("todos are not sorted by a project field",
                        "TodoQuery.all().orderBy(ProjectFields.NAME.asc())",
                        "method orderBy", "SortKey<Project> cannot be converted to SortKey<Todo>"),
                wrong("a repository runs queries on its own resource only",
                        "new TodoRepository(null).find(ProjectQuery.all())",
                        "incompatible types: ProjectQuery cannot be converted to TodoQuery"),
                wrong("and finds records by conditions on its own resource only",
                        "new TodoRepository(null).findWhere(ProjectFields.ARCHIVED.isFalse(), 10)",
                        "incompatible types: Criterion<Project> cannot be converted to Criterion<Todo>"),
                wrong("with values of the field's type",
                        "new TodoRepository(null).findWhere(TodoFields.PRIORITY.eq(\"high\"), 10)",
                        "incompatible types: String cannot be converted to Integer"),
                wrong("not by a map of field names",
                        "new TodoRepository(null).findWhere(java.util.Map.of(\"completed\", false), 10)",
                        "Map<K,V> conforms to Criterion<Todo>"),
                wrong("a having condition is on aggregates, not on fields",
                        "TodoQuery.all().groupBy(TodoFields.COMPLETED).having(TodoFields.PRIORITY.gt(1))",
                        "incompatible types: Criterion<Todo> cannot be converted to Criterion<AggregateRow<Todo>>"),
                wrong("an average needs a numeric field",
                        "Aggregate.avg(\"a\", TodoFields.TITLE)",
                        "method avg", "StringField<Todo> cannot be converted to NumberField<R,?>"),
                wrong("a count is compared with a Long",
                        "Aggregate.<Todo>count(\"n\").gt(\"5\")",
                        "incompatible types: String cannot be converted to Long"));
    }

    private static Arguments wrong(String why, String expression, String... messageParts) {
        return Arguments.of(why, expression, List.of(messageParts));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongQueries")
    void wrongQueryDoesNotCompile(String why, String expression, List<String> messageParts) {
        JavaFileObject useSite = Compilations.source(TodoFixture.PACKAGE + ".UseSite", """
                package dev.datafn.example.todo;

                import dev.datafn.query.typed.Aggregate;

                final class UseSite {
                    static Object query() {
                        return %s;
                    }
                }
                """.formatted(expression));

        Compilation compilation = Compilations.compile(sources(useSite));

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        for (String part : messageParts) {
            assertThat(compilation).hadErrorContaining(qualified(part)).inFile(useSite).onLineContaining(expression);
        }
    }

    /** @return the message part with the simple names of {@link #QUALIFIED} made qualified */
    private static String qualified(String part) {
        return SIMPLE_NAME.matcher(part).replaceAll(m -> QUALIFIED.get(m.group(1)));
    }

    private static JavaFileObject[] sources(JavaFileObject useSite) {
        return Stream.concat(Stream.of(TodoFixture.all()), Stream.of(useSite)).toArray(JavaFileObject[]::new);
    }
}
