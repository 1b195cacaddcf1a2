package dev.datafn.example.todo;

import dev.datafn.DataFn;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Five todos, two projects and two tags in a namespace of their own: the data the typed query suites
 * read. Titles are unique, so tests name todos by title.
 *
 * <pre>
 * title             completed priority dueDate     notes        project tags
 * Buy milk          false     3        2026-12-01  -            Home    urgent
 * Paint the fence   false     5        2026-12-24  blue paint   Home    urgent, later
 * File taxes        true      4        -           forms        Work    -
 * Call mom          true      0        -           -            -       -
 * buy bread         false     1        2026-11-30  -            -       later
 * </pre>
 */
final class SeededTodos {

    final Namespace namespace;
    final TodoRepository todos;
    final Project home;
    final Project work;
    final Tag urgent;
    final Tag later;
    private final Map<String, String> idsByTitle = new HashMap<>();

    private SeededTodos(DataFn datafn, Namespace namespace) {
        this.namespace = namespace;
        this.todos = new TodoRepository(datafn, namespace);
        ProjectRepository projects = new ProjectRepository(datafn, namespace);
        TagRepository tags = new TagRepository(datafn, namespace);
        home = projects.insert(new Project(null, "Home", "green", false));
        work = projects.insert(new Project(null, "Work", "grey", false));
        urgent = tags.insert(new Tag(null, "urgent"));
        later = tags.insert(new Tag(null, "later"));
        add("Buy milk", false, 3, LocalDate.of(2026, 12, 1), null, home.id(), List.of(urgent.id()));
        add("Paint the fence", false, 5, LocalDate.of(2026, 12, 24), "blue paint", home.id(),
                List.of(urgent.id(), later.id()));
        add("File taxes", true, 4, null, "forms", work.id(), List.of());
        add("Call mom", true, null, null, null, null, List.of());
        add("buy bread", false, 1, LocalDate.of(2026, 11, 30), null, null, List.of(later.id()));
    }

    /**
     * @param datafn the engine
     * @param label  a word for the namespace, so a failing test's rows can be found
     * @return the seeded data
     */
    static SeededTodos insert(DataFn datafn, String label) {
        return new SeededTodos(datafn, TestDatabases.uniqueNamespace(label));
    }

    private void add(String title, boolean completed, Integer priority, LocalDate due, String notes, String projectId,
            List<String> tagIds) {
        Todo saved = todos.insert(new Todo(null, title, completed, priority, due, notes, projectId, tagIds, null, null));
        idsByTitle.put(title, saved.id());
    }

    /** @param title a seeded todo's title @return its id */
    String id(String title) {
        return idsByTitle.get(title);
    }
}
