package dev.datafn.example.todo;

import dev.datafn.annotations.CreatedAt;
import dev.datafn.annotations.Field;
import dev.datafn.annotations.Id;
import dev.datafn.annotations.Index;
import dev.datafn.annotations.Policy;
import dev.datafn.annotations.Relation;
import dev.datafn.annotations.Resource;
import dev.datafn.annotations.UpdatedAt;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A todo: the example's main resource.
 *
 * @param id        the id, {@code td_...}
 * @param title     what to do
 * @param completed whether it is done
 * @param priority  0 (none) to 5 (urgent)
 * @param dueDate   when it is due
 * @param notes     free text
 * @param projectId the project it belongs to
 * @param tags      the ids of its tags
 * @param createdAt when it was created (set by the server)
 * @param updatedAt when it last changed (set by the server)
 */
@Resource(name = "todos", version = 1, idPrefix = "td")
@Policy(read = "anyone", write = "anyone")
// The pages clients ask for most: open todos by due date, in all projects or in one, and by priority. Each
// index ends with the id, as each sort does, so a page is read in order and stops at its limit.
@Index(fields = {"completed", "dueDate"})
@Index(fields = {"projectId", "completed", "dueDate"})
@Index(fields = {"completed", "priority:desc"})
public record Todo(
        // Pages in id order (the default sort, and keyset paging from a cursor) within one namespace need no
        // @Index: the primary key (namespace, id) serves them.
        @Id String id,
        @Field(required = true, maxLength = 200, searchable = true) String title,
        @Field(required = true, defaultValue = "false") boolean completed,
        @Field(min = 0, max = 5, defaultValue = "0") Integer priority,
        LocalDate dueDate,
        @Field(searchable = true) String notes,
        @Relation(to = Project.class, name = "project") String projectId,
        @Relation(to = Tag.class, kind = Relation.Kind.MANY_MANY, name = "tags") List<String> tags,
        @CreatedAt Instant createdAt,
        @UpdatedAt Instant updatedAt) {
}
