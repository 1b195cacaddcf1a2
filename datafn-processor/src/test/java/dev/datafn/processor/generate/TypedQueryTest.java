package dev.datafn.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import dev.datafn.json.Json;
import dev.datafn.processor.support.Compilations;
import dev.datafn.processor.support.GeneratedOutput;
import dev.datafn.processor.support.TodoFixture;
import dev.datafn.query.typed.AggregateQuery;
import dev.datafn.query.typed.ResourceQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Right typed queries compile without a warning under every lint, and the generated query classes give
 * exactly the DFQL JSON of the wire. The use site below is written the way an application would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypedQueryTest {

    private static final JavaFileObject USE_SITE = Compilations.source(
            TodoFixture.PACKAGE + ".TypedQueries", """
            package dev.datafn.example.todo;

            import dev.datafn.query.typed.Aggregate;
            import dev.datafn.query.typed.AggregateQuery;
            import java.math.BigDecimal;
            import java.time.Instant;
            import java.time.LocalDate;

            public final class TypedQueries {
                static final Aggregate<Todo, Long> N = Aggregate.count("n");
                static final Aggregate<Todo, Double> AVG_PRIORITY = Aggregate.avg("avgPriority", TodoFields.PRIORITY);
                static final Aggregate<Todo, LocalDate> FIRST_DUE = Aggregate.min("firstDue", TodoFields.DUE_DATE);

                public static TodoQuery issueExample() {
                    return TodoQuery.where(TodoFields.COMPLETED.isFalse().and(TodoFields.PRIORITY.gte(3)))
                            .orderBy(TodoFields.PRIORITY.desc())
                            .limit(20);
                }

                public static TodoQuery relations() {
                    return TodoQuery.where(TodoFields.PROJECT.where(ProjectFields.NAME.eq("Home"))
                                    .and(TodoFields.TAGS.contains("tg_1")))
                            .expand(TodoFields.PROJECT, TodoFields.TAGS);
                }

                public static TodoQuery paging() {
                    return TodoQuery.all()
                            .filter(TodoFields.TITLE.iStartsWith("buy").or(TodoFields.NOTES.isNull()).not())
                            .filter(TodoFields.CREATED_AT.lt(Instant.parse("2026-11-22T00:00:00Z")))
                            .select(TodoFields.ID, TodoFields.TITLE)
                            .orderBy(TodoFields.DUE_DATE.asc(), TodoFields.TITLE.desc())
                            .offset(40).after("c2").count(true);
                }

                public static ProjectQuery everyFieldType() {
                    return ProjectQuery.where(ProjectFields.LEVEL.in(Project.Priority.HIGH, Project.Priority.MEDIUM)
                            .and(ProjectFields.BUDGET.between(BigDecimal.ONE, BigDecimal.TEN))
                            .and(ProjectFields.VIEWS.gt(1_000L))
                            .and(ProjectFields.SCORE.lte(0.5))
                            .and(ProjectFields.SETTINGS.isNotNull())
                            .or(ProjectFields.TODOS.where(TodoFields.DUE_DATE.lt(LocalDate.of(2026, 1, 1)))))
                            .orderBy(ProjectFields.LEVEL.asc(), ProjectFields.ARCHIVED.desc());
                }

                public static AggregateQuery<Todo> aggregation() {
                    return TodoQuery.where(TodoFields.PROJECT_ID.isNotNull())
                            .groupBy(TodoFields.COMPLETED)
                            .aggregate(N, AVG_PRIORITY, FIRST_DUE)
                            .having(N.gt(5L));
                }
            }
            """);

    private GeneratedOutput output;

    @BeforeAll
    void compile() throws IOException {
        JavaFileObject[] sources = Stream.concat(Stream.of(TodoFixture.all()), Stream.of(USE_SITE))
                .toArray(JavaFileObject[]::new);
        Compilation compilation = Compilations.compile(List.of("-Xlint:all,-processing", "-Werror"), sources);
        assertThat(compilation).succeededWithoutWarnings();
        output = GeneratedOutput.of(compilation, Files.createTempDirectory("datafn-typed-queries"));
    }

    @AfterAll
    void close() throws IOException {
        output.close();
    }

    private JsonNode dfql(String method) throws ReflectiveOperationException {
        Object query = output.load(TodoFixture.PACKAGE + ".TypedQueries").getMethod(method).invoke(null);
        return switch (query) {
            case ResourceQuery<?, ?> q -> q.toDfql();
            case AggregateQuery<?> q -> q.toDfql();
            default -> throw new AssertionError("not a query: " + query);
        };
    }

    /** Parsed JSON, written back out: member order and values count, whitespace does not. */
    private static void assertDfql(JsonNode actual, String expected) throws JsonProcessingException {
        assertThat(Json.MAPPER.writeValueAsString(actual))
                .isEqualTo(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(expected)));
    }

    @Test
    void theIssuesExampleIsTheWireJson() throws Exception {
        assertDfql(dfql("issueExample"), """
                {"resource": "todos", "version": 1,
                 "filters": {"$and": [{"completed": {"eq": false}}, {"priority": {"gte": 3}}]},
                 "sort": ["priority:desc"],
                 "limit": 20}""");
    }

    @Test
    void relationFiltersAndExpansion() throws Exception {
        assertDfql(dfql("relations"), """
                {"resource": "todos", "version": 1,
                 "select": ["*", "project.*", "tags.*"],
                 "filters": {"$and": [{"project.name": {"eq": "Home"}}, {"tags": {"contains": "tg_1"}}]}}""");
    }

    @Test
    void selectionSortingAndPaging() throws Exception {
        assertDfql(dfql("paging"), """
                {"resource": "todos", "version": 1,
                 "select": ["id", "title"],
                 "filters": {"$and": [{"$not": {"$or": [{"title": {"istartswith": "buy"}}, {"notes": {"is_null": true}}]}},
                                      {"createdAt": {"lt": "2026-11-22T00:00:00Z"}}]},
                 "sort": ["dueDate:asc", "title:desc"],
                 "offset": 40, "cursor": "c2", "count": true}""");
    }

    @Test
    void everyFieldTypeOfTheFixture() throws Exception {
        assertDfql(dfql("everyFieldType"), """
                {"resource": "projects", "version": 1,
                 "filters": {"$or": [
                    {"$and": [{"level": {"in": ["HIGH", "MEDIUM"]}},
                              {"budget": {"between": [1, 10]}},
                              {"views": {"gt": 1000}},
                              {"score": {"lte": 0.5}},
                              {"settings": {"is_not_null": true}}]},
                    {"todos.dueDate": {"lt": "2026-01-01"}}]},
                 "sort": ["level:asc", "archived:desc"]}""");
    }

    @Test
    void aggregationsAreTyped() throws Exception {
        assertDfql(dfql("aggregation"), """
                {"resource": "todos", "version": 1,
                 "filters": {"projectId": {"is_not_null": true}},
                 "groupBy": ["completed"],
                 "aggregations": {"n": {"fn": "count"}, "avgPriority": {"fn": "avg", "field": "priority"},
                                  "firstDue": {"fn": "min", "field": "dueDate"}},
                 "having": {"n": {"gt": 5}}}""");
    }
}
