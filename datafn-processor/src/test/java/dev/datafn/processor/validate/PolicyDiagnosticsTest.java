package dev.datafn.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.datafn.processor.support.Compilations.compile;
import static dev.datafn.processor.support.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.datafn.processor.diagnostics.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Permissions policies: rules that do not parse, field rules without a policy, records without one. */
class PolicyDiagnosticsTest {

    @Test
    void aRuleThatDoesNotParseIsInvalidAccessRule() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Policy;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                @Policy(read = "anyone", write = "admins")
                public record Note(@Id String id, String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.invalidAccessRule("@Policy(write)", "admins",
                "'admins' is not one of anyone, authenticated, nobody, claim:NAME, claim:NAME=VALUE"))
                .inFile(src).onLineContaining("@Policy(");
    }

    @Test
    void aFieldRuleThatDoesNotParseIsInvalidAccessRule() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Field;
                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Policy;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                @Policy(read = "anyone", write = "anyone")
                public record Note(
                        @Id String id,
                        @Field(read = "claim:role=") String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.invalidAccessRule("@Field(read)", "claim:role=",
                "claim 'role' has an empty value")).inFile(src).onLineContaining("@Field(read");
    }

    @Test
    void aFieldRuleNeedsARecordPolicy() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Field;
                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(
                        @Id String id,
                        @Field(write = "claim:admin") String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).hadErrorContaining(Messages.fieldRuleWithoutPolicy("text", "Note"))
                .inFile(src).onLineContaining("@Field(write");
    }

    @Test
    void aRecordWithoutAPolicyCompilesWithAWarning() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                public record Note(@Id String id, String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining(Messages.missingPolicy("notes", "Note"))
                .inFile(src).onLineContaining("public record Note");
    }

    @Test
    void rulesWithAlternativesAndClaimValuesCompileWithoutWarnings() {
        JavaFileObject src = source("app.Note", """
                package app;

                import dev.datafn.annotations.Field;
                import dev.datafn.annotations.Id;
                import dev.datafn.annotations.Policy;
                import dev.datafn.annotations.Resource;

                @Resource(name = "notes", idPrefix = "nt")
                @Policy(read = "authenticated", write = "claim:role=editor | claim:admin")
                public record Note(
                        @Id String id,
                        @Field(read = "claim:admin", write = "nobody") String text) {
                }
                """);

        Compilation compilation = compile(src);

        assertThat(compilation).succeededWithoutWarnings();
    }
}
