package dev.datafn.processor.support;

import javax.tools.JavaFileObject;

/**
 * The example application's resources as test sources: todos, projects and tags with every kind of
 * field and relation, plus a {@code Priority} enum and a JSON field.
 */
public final class TodoFixture {

    /** The package of every fixture type. */
    public static final String PACKAGE = "dev.datafn.example.todo";

    /** {@code todos}: the example's main resource. */
    public static final JavaFileObject TODO = Compilations.source(PACKAGE + ".Todo", """
            package dev.datafn.example.todo;

            import dev.datafn.annotations.CreatedAt;
            import dev.datafn.annotations.Field;
            import dev.datafn.annotations.Id;
            import dev.datafn.annotations.Index;
            import dev.datafn.annotations.Relation;
            import dev.datafn.annotations.Policy;
            import dev.datafn.annotations.Resource;
            import dev.datafn.annotations.UpdatedAt;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.util.List;

            @Resource(name = "todos", version = 1, idPrefix = "td")
            @Policy(read = "authenticated", write = "authenticated")
            @Index(fields = {"completed", "dueDate"})
            public record Todo(
                    @Id String id,
                    @Field(required = true, maxLength = 200, searchable = true) String title,
                    @Field(defaultValue = "false") boolean completed,
                    @Field(min = 0, max = 5, defaultValue = "0") Integer priority,
                    LocalDate dueDate,
                    @Field(searchable = true) String notes,
                    @Relation(to = Project.class, name = "project") String projectId,
                    @Relation(to = Tag.class, kind = Relation.Kind.MANY_MANY) List<String> tags,
                    @CreatedAt Instant createdAt,
                    @UpdatedAt Instant updatedAt) {
            }
            """);

    /** {@code projects}, with the inverse of a todo's project and a few more field types. */
    public static final JavaFileObject PROJECT = Compilations.source(PACKAGE + ".Project", """
            package dev.datafn.example.todo;

            import com.fasterxml.jackson.databind.JsonNode;
            import dev.datafn.annotations.Field;
            import dev.datafn.annotations.Id;
            import dev.datafn.annotations.Relation;
            import dev.datafn.annotations.Policy;
            import dev.datafn.annotations.Resource;
            import java.math.BigDecimal;
            import java.util.List;

            @Resource(name = "projects", idPrefix = "pr")
            @Policy(read = "authenticated", write = "claim:admin")
            public record Project(
                    @Id String id,
                    @Field(required = true, unique = true) String name,
                    @Field(defaultValue = "blue", pattern = "[a-z]+") String color,
                    @Field(defaultValue = "false") boolean archived,
                    @Field(defaultValue = "MEDIUM") Priority level,
                    @Field(min = 0) BigDecimal budget,
                    long views,
                    double score,
                    JsonNode settings,
                    @Relation(to = Todo.class, kind = Relation.Kind.ONE_MANY, inverse = "project") List<String> todos) {

                /** How urgent a project is. */
                public enum Priority { LOW, MEDIUM, HIGH }
            }
            """);

    /** {@code tags}: the target of the many-many relation. */
    public static final JavaFileObject TAG = Compilations.source(PACKAGE + ".Tag", """
            package dev.datafn.example.todo;

            import dev.datafn.annotations.Field;
            import dev.datafn.annotations.Id;
            import dev.datafn.annotations.Policy;
            import dev.datafn.annotations.Resource;

            @Resource(name = "tags", idPrefix = "tg")
            @Policy(read = "anyone", write = "claim:role=editor | claim:admin")
            public record Tag(@Id String id, @Field(required = true, unique = true) String name) {
            }
            """);

    private TodoFixture() {
    }

    /** @return the three resources' sources */
    public static JavaFileObject[] all() {
        return new JavaFileObject[] {TODO, PROJECT, TAG};
    }
}
