package dev.datafn.example.todo;

import dev.datafn.testing.TestDatabase;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a suite once per {@link TestDatabase}: every test of the class reports under {@code [H2]} and
 * {@code [PostgreSQL]}, and the PostgreSQL run is skipped, with the reason, when no server is
 * configured. The class takes the database in a {@code @Parameter TestDatabase} field
 * ({@link AbstractEngineTest} declares it for the engine suites) and sets up per database in
 * {@code @BeforeParameterizedClassInvocation} methods, since {@code @BeforeAll} runs only once, before
 * the first database.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ParameterizedClass(name = "[{0}]")
@EnumSource(TestDatabase.class)
@interface OnEveryDatabase {
}
