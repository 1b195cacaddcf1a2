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
 * Wrong typed mutations are compile errors, reported by javac on the offending expression: a value of the
 * wrong type for its field, a field, condition or relation of another resource, or an operation the
 * mutation or the resource does not have. Each case compiles the fixture's resources, their generated code
 * and one use site.
 *
 * <p>The expected messages are written with simple type names, as javac prints them on the command line;
 * {@link #qualified} spells out the qualified names compile-testing reports.
 */
class TypedMutationCompileErrorsTest {

    private static final String TYPED = "dev.datafn.query.typed.";
    private static final String MUTATION = "dev.datafn.mutation.typed.";
    private static final Map<String, String> QUALIFIED = Map.ofEntries(
            Map.entry("Todo", TodoFixture.PACKAGE + ".Todo"),
            Map.entry("Project", TodoFixture.PACKAGE + ".Project"),
            Map.entry("Tag", TodoFixture.PACKAGE + ".Tag"),
            Map.entry("Priority", TodoFixture.PACKAGE + ".Project.Priority"),
            Map.entry("ProjectMutations", TodoFixture.PACKAGE + ".ProjectMutations"),
            Map.entry("TagMutations", TodoFixture.PACKAGE + ".TagMutations"),
            Map.entry("String", "java.lang.String"),
            Map.entry("Integer", "java.lang.Integer"),
            Map.entry("Long", "java.lang.Long"),
            Map.entry("Boolean", "java.lang.Boolean"),
            Map.entry("LocalDate", "java.time.LocalDate"),
            Map.entry("JsonNode", "com.fasterxml.jackson.databind.JsonNode"),
            Map.entry("StringField", TYPED + "StringField"),
            Map.entry("BooleanField", TYPED + "BooleanField"),
            Map.entry("NumberField", TYPED + "NumberField"),
            Map.entry("DateField", TYPED + "DateField"),
            Map.entry("EnumField", TYPED + "EnumField"),
            Map.entry("ScalarField", TYPED + "ScalarField"),
            Map.entry("FieldHandle", TYPED + "FieldHandle"),
            Map.entry("RelationHandle", TYPED + "RelationHandle"),
            Map.entry("Criterion", TYPED + "Criterion"),
            Map.entry("InsertMutation", MUTATION + "InsertMutation"),
            Map.entry("ReplaceMutation", MUTATION + "ReplaceMutation"),
            Map.entry("DeleteMutation", MUTATION + "DeleteMutation"),
            Map.entry("MergeMutation", MUTATION + "MergeMutation"),
            Map.entry("Map", "java.util.Map"),
            Map.entry("UnaryOperator", "java.util.function.UnaryOperator"),
            Map.entry("TypedMutation", MUTATION + "TypedMutation"));
    private static final Pattern SIMPLE_NAME =
            Pattern.compile("(?<![\\w.])(" + String.join("|", QUALIFIED.keySet()) + ")\\b");

    static Stream<Arguments> wrongMutations() {
        return Stream.of(
                wrong("a text field takes text",
                        "TodoMutations.merge(\"td_1\").set(TodoFields.TITLE, 3)",
                        "no suitable method found for set(StringField<Todo>,int)",
                        "equality constraints: String", "lower bounds: Integer"),
                wrong("a number field takes its own number type",
                        "TodoMutations.merge(\"td_1\").set(TodoFields.PRIORITY, \"high\")",
                        "set(NumberField<Todo,Integer>,String)", "equality constraints: Integer"),
                wrong("a long field does not take an int",
                        "ProjectMutations.merge(\"pr_1\").set(ProjectFields.VIEWS, 3)",
                        "set(NumberField<Project,Long>,int)", "equality constraints: Long", "lower bounds: Integer"),
                wrong("a boolean field takes a boolean",
                        "TodoMutations.merge(\"td_1\").set(TodoFields.COMPLETED, \"yes\")",
                        "set(BooleanField<Todo>,String)", "equality constraints: Boolean"),
                wrong("a date field takes a LocalDate, not its text",
                        "TodoMutations.merge(\"td_1\").set(TodoFields.DUE_DATE, \"2026-01-01\")",
                        "set(DateField<Todo>,String)", "equality constraints: LocalDate"),
                wrong("an enum field takes its constants, not their names",
                        "ProjectMutations.merge(\"pr_1\").set(ProjectFields.LEVEL, \"HIGH\")",
                        "set(EnumField<Project,Priority>,String)", "equality constraints: Priority"),
                wrong("a JSON field takes a JSON tree",
                        "ProjectMutations.merge(\"pr_1\").set(ProjectFields.SETTINGS, \"{}\")",
                        "String cannot be converted to JsonNode"),
                wrong("a merge of todos does not set project fields",
                        "TodoMutations.merge(\"td_1\").set(ProjectFields.NAME, \"x\")",
                        "StringField<Project> cannot be converted to ScalarField<Todo,V>"),
                wrong("nor clear them",
                        "TodoMutations.merge(\"td_1\").clear(ProjectFields.COLOR)",
                        "incompatible types: StringField<Project> cannot be converted to FieldHandle<Todo>"),
                wrong("a many-many id list is written through relate, not set",
                        "TodoMutations.merge(\"td_1\").set(TodoFields.TAGS, java.util.List.of())",
                        "RelationHandle<Todo,Tag> cannot be converted to ScalarField<Todo,V>"),
                wrong("a condition on projects does not guard a todo merge",
                        "TodoMutations.merge(\"td_1\").ifMatches(ProjectFields.ARCHIVED.isFalse())",
                        "incompatible types: Criterion<Project> cannot be converted to Criterion<Todo>"),
                wrong("nor a todo delete",
                        "TodoMutations.delete(\"td_1\").ifMatches(ProjectFields.ARCHIVED.isTrue())",
                        "incompatible types: Criterion<Project> cannot be converted to Criterion<Todo>"),
                wrong("an insert has no current record to guard",
                        "TodoMutations.insert(null).ifMatches(TodoFields.COMPLETED.isFalse())",
                        "cannot find symbol", "method ifMatches(Criterion<Todo>)", "class InsertMutation<Todo>"),
                wrong("a replace writes the whole record, not single fields",
                        "TodoMutations.upsert(null).set(TodoFields.TITLE, \"x\")",
                        "cannot find symbol", "method set(StringField<Todo>,String)", "class ReplaceMutation<Todo>"),
                wrong("todos are inserted as todos",
                        "TodoMutations.insert(new Tag(\"tg_1\", \"x\"))",
                        "incompatible types: Tag cannot be converted to Todo"),
                wrong("a todo is related through a todo relation",
                        "TodoMutations.relate(\"td_1\", ProjectFields.TODOS, \"x\")",
                        "incompatible types: RelationHandle<Project,Todo> cannot be converted to RelationHandle<Todo,?>"),
                wrong("only a resource with a many-many relation has modifyRelation",
                        "ProjectMutations.modifyRelation(\"pr_1\", ProjectFields.TODOS, \"x\", null)",
                        "cannot find symbol", "class ProjectMutations"),
                wrong("a resource without relations has no relation operations",
                        "TagMutations.relate(\"tg_1\", null, \"x\")",
                        "cannot find symbol", "method relate(String,<nulltype>,String)", "class TagMutations"),
                wrong("a repository applies mutations of its own resource only",
                        "TodoRepository.in(null).apply(ProjectMutations.delete(\"pr_1\"))",
                        "incompatible types: DeleteMutation<Project> cannot be converted to TypedMutation<Todo>"),
                wrong("and relates through its own relations",
                        "TodoRepository.in(null).relate(\"td_1\", ProjectFields.TODOS, \"x\")",
                        "incompatible types: RelationHandle<Project,Todo> cannot be converted to RelationHandle<Todo,?>"),
                wrong("a repository merge sets values of the field's type",
                        "TodoRepository.in(null).merge(\"td_1\", m -> m.set(TodoFields.PRIORITY, \"high\"))",
                        "set(NumberField<Todo,Integer>,String)", "equality constraints: Integer"),
                wrong("and fields of its own resource",
                        "TodoRepository.in(null).merge(\"td_1\", m -> m.set(ProjectFields.NAME, \"x\"))",
                        "StringField<Project> cannot be converted to ScalarField<Todo,V>"),
                wrong("a misspelt field is no field",
                        "TodoRepository.in(null).merge(\"td_1\", m -> m.set(TodoFields.TITEL, \"x\"))",
                        "cannot find symbol", "variable TITEL"),
                wrong("a repository merge takes typed changes, not a map of names",
                        "TodoRepository.in(null).merge(\"td_1\", java.util.Map.of(\"title\", \"x\"))",
                        "Map<K,V> conforms to UnaryOperator<MergeMutation<Todo>>"));
    }

    private static Arguments wrong(String why, String expression, String... messageParts) {
        return Arguments.of(why, expression, List.of(messageParts));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongMutations")
    void wrongMutationDoesNotCompile(String why, String expression, List<String> messageParts) {
        JavaFileObject useSite = Compilations.source(TodoFixture.PACKAGE + ".UseSite", """
                package dev.datafn.example.todo;

                final class UseSite {
                    static Object mutation() {
                        return %s;
                    }
                }
                """.formatted(expression));

        Compilation compilation = Compilations.compile(
                Stream.concat(Stream.of(TodoFixture.all()), Stream.of(useSite)).toArray(JavaFileObject[]::new));

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
}
