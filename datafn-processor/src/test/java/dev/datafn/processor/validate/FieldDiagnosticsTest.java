package dev.datafn.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.datafn.processor.support.Compilations.compile;
import static dev.datafn.processor.support.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.diagnostics.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Problems of single fields: types, constraints, defaults, names. */
class FieldDiagnosticsTest {

    /** A record {@code app.Note} (resource {@code notes}) with the given components after its id. */
    private static JavaFileObject note(String components) {
        return source("app.Note", """
                package app;

                import dev.datafn.annotations.*;
                import java.math.BigDecimal;
                import java.time.*;
                import java.util.*;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(
                        @Id String id,
                %s) {
                }
                """.formatted(components.indent(8).stripTrailing()));
    }

    @Test
    void mapIsUnsupportedType() {
        JavaFileObject src = note("Map<String, Object> extras");

        assertThat(compile(src)).hadErrorContaining(
                        Messages.unsupportedType("extras", "notes", "Map<String,Object>"))
                .inFile(src).onLineContaining("Map<String, Object> extras");
    }

    @Test
    void stringListWithoutRelationIsUnsupportedType() {
        JavaFileObject src = note("List<String> labels");

        assertThat(compile(src)).hadErrorContaining(Messages.listWithoutRelation("labels", "notes"))
                .inFile(src).onLineContaining("List<String> labels");
    }

    @Test
    void floatIsUnsupportedType() {
        JavaFileObject src = note("float weight");

        assertThat(compile(src)).hadErrorContaining("[DataFn/UnsupportedType] field 'weight'")
                .inFile(src).onLineContaining("float weight");
    }

    @Test
    void longUniqueStringIsInvalidConstraint() {
        JavaFileObject src = note("@Field(unique = true, maxLength = 4000) String code");

        assertThat(compile(src)).hadErrorContaining(Messages.uniqueTooLong("code", 4000, 500))
                .inFile(src).onLineContaining("maxLength = 4000");
    }

    @Test
    void zeroMaxLengthIsInvalidConstraint() {
        JavaFileObject src = note("@Field(maxLength = 0) String title");

        assertThat(compile(src)).hadErrorContaining(Messages.maxLengthNotPositive("title", 0))
                .inFile(src).onLineContaining("maxLength = 0");
    }

    @Test
    void maxLengthOnNumberIsInvalidConstraint() {
        JavaFileObject src = note("@Field(maxLength = 3) Integer rank");

        assertThat(compile(src)).hadErrorContaining(
                        Messages.constraintNotForType("maxLength", "rank", "integer", "string"))
                .inFile(src).onLineContaining("Integer rank");
    }

    @Test
    void minAboveMaxIsInvalidConstraint() {
        JavaFileObject src = note("@Field(min = 5, max = 1) Integer rank");

        assertThat(compile(src)).hadErrorContaining(Messages.minAboveMax("rank", 5, 1))
                .inFile(src).onLineContaining("Integer rank");
    }

    @Test
    void brokenPatternIsInvalidConstraint() {
        JavaFileObject src = note("@Field(pattern = \"[a-z\") String code");

        assertThat(compile(src)).hadErrorContaining("[DataFn/InvalidConstraint] pattern '[a-z' on field 'code'")
                .inFile(src).onLineContaining("String code");
    }

    @Test
    void textDefaultOfIntegerIsInvalidConstraint() {
        JavaFileObject src = note("@Field(defaultValue = \"many\") Integer rank");

        assertThat(compile(src)).hadErrorContaining("[DataFn/InvalidConstraint] defaultValue 'many' of field 'rank'")
                .inFile(src).onLineContaining("Integer rank");
    }

    @Test
    void defaultAboveMaxIsInvalidConstraint() {
        JavaFileObject src = note("@Field(max = 5, defaultValue = \"9\") Integer rank");

        assertThat(compile(src)).hadErrorContaining(Messages.defaultBreaksConstraint("rank", "9", "max = 5.0"))
                .inFile(src).onLineContaining("Integer rank");
    }

    @Test
    void primitiveZeroBelowMinIsInvalidConstraint() {
        JavaFileObject src = note("@Field(min = 1) int rank");

        assertThat(compile(src)).hadErrorContaining(
                        Messages.impliedDefaultBreaksConstraint("rank", "0", "min = 1.0"))
                .inFile(src).onLineContaining("int rank");
    }

    @Test
    void defaultNotMatchingPatternIsInvalidConstraint() {
        JavaFileObject src = note("@Field(pattern = \"[a-z]+\", defaultValue = \"Red\") String color");

        assertThat(compile(src)).hadErrorContaining(
                        Messages.defaultBreaksConstraint("color", "\"Red\"", "pattern '[a-z]+'"))
                .inFile(src).onLineContaining("String color");
    }

    @Test
    void unknownEnumDefaultIsInvalidConstraint() {
        JavaFileObject src = note("@Field(defaultValue = \"PURPLE\") DayOfWeek day");

        assertThat(compile(src)).hadErrorContaining("defaultValue '\"PURPLE\"' of field 'day' is not valid: use one "
                        + "of the constants: MONDAY, TUESDAY")
                .inFile(src).onLineContaining("DayOfWeek day");
    }

    @Test
    void malformedDateDefaultIsInvalidConstraint() {
        JavaFileObject src = note("@Field(defaultValue = \"\\\"2026-13-01\\\"\") LocalDate due");

        assertThat(compile(src)).hadErrorContaining("[DataFn/InvalidConstraint] defaultValue '\"2026-13-01\"'")
                .inFile(src).onLineContaining("LocalDate due");
    }

    @Test
    void searchableBooleanIsInvalidConstraint() {
        JavaFileObject src = note("@Field(searchable = true) Boolean done");

        assertThat(compile(src)).hadErrorContaining(
                        Messages.constraintNotForType("searchable", "done", "boolean", "string"))
                .inFile(src).onLineContaining("Boolean done");
    }

    @Test
    void anAnalyzerWithoutSearchableIsAnError() {
        JavaFileObject src = note("@Field(analyzer = SearchAnalyzer.ENGLISH) String body");

        assertThat(compile(src)).hadErrorContaining(Messages.analyzerWithoutSearchable("body"))
                .inFile(src).onLineContaining("String body");
    }

    @Test
    void createdAtOnStringIsInvalidTimestamp() {
        JavaFileObject src = note("@CreatedAt String created");

        assertThat(compile(src)).hadErrorContaining(Messages.invalidTimestamp("CreatedAt", "created", "String"))
                .inFile(src).onLineContaining("@CreatedAt String created");
    }

    @Test
    void updatedAtOnLocalDateIsInvalidTimestamp() {
        JavaFileObject src = note("@UpdatedAt LocalDate changed");

        assertThat(compile(src)).hadErrorContaining(Messages.invalidTimestamp("UpdatedAt", "changed", "LocalDate"))
                .inFile(src).onLineContaining("@UpdatedAt LocalDate changed");
    }

    @Test
    void namespaceIsReservedName() {
        JavaFileObject src = note("String namespace");

        assertThat(compile(src)).hadErrorContaining(Messages.reservedName("namespace", "notes"))
                .inFile(src).onLineContaining("String namespace");
    }

    @Test
    void doubleUnderscoreIsReservedName() {
        JavaFileObject src = note("String __meta");

        assertThat(compile(src)).hadErrorContaining(Messages.reservedName("__meta", "notes"))
                .inFile(src).onLineContaining("String __meta");
    }

    @Test
    void relationNamedLikeAFieldIsDuplicateName() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.*;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(
                        @Id String id,
                        String author,
                        @Relation(to = Note.class, name = "author") String writerId) {
                }
                """);

        assertThat(compile(src)).hadErrorContaining(Messages.duplicateName("author", "notes"))
                .inFile(src).onLineContaining("name = \"author\"");
    }

    @Test
    void namesWithTheSameConstantAreDuplicateName() {
        JavaFileObject src = note("""
                String dueDate,
                String due_date""");

        assertThat(compile(src)).hadErrorContaining(Messages.duplicateName("due_date", "notes"))
                .inFile(src).onLineContaining("String due_date");
    }

    @Test
    void idAndCreatedAtTogetherConflict() {
        JavaFileObject src = note("@Id @CreatedAt Instant key");

        assertThat(compile(src)).hadErrorContaining(Messages.conflictingAnnotations("key", "Id", "CreatedAt"))
                .inFile(src).onLineContaining("Instant key");
    }

    @Test
    void everyErrorOfARecordIsReported() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.*;
                import java.util.Map;

                @Resource(name = "notes", idPrefix = "NT")
                public record Note(
                        @Id String id,
                        @Field(maxLength = -5) String title,
                        Map<String, String> extras) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.invalidIdPrefix("NT"))
                .inFile(src).onLineContaining("idPrefix = \"NT\"");
        assertThat(compilation).hadErrorContaining(Messages.maxLengthNotPositive("title", -5))
                .inFile(src).onLineContaining("maxLength = -5");
        assertThat(compilation).hadErrorContaining("[DataFn/UnsupportedType] field 'extras'")
                .inFile(src).onLineContaining("Map<String, String> extras");
        assertThat(compilation).hadErrorCount(3);
    }
}
