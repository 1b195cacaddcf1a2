package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.query.typed.Criterion;
import dev.datafn.query.typed.Page;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated repositories: records in, records out, in one namespace, over the same engine as HTTP;
 * typed queries with every operator the engine executes today (see {@link SeededTodos} for the data).
 */
@OnEveryDatabase
class RepositoryTest extends AbstractEngineTest {

    private static List<String> titles(Page<Todo> page) {
        return page.items().stream().map(Todo::title).toList();
    }

    /** Priorities are distinct in the seed, so this order is the same on every database. */
    private static List<String> byPriority(SeededTodos seed, Criterion<Todo> criterion) {
        return titles(seed.todos.find(TodoQuery.where(criterion).orderBy(TodoFields.PRIORITY.desc())));
    }

    @Test
    void recordsRoundTripThroughTheGeneratedRepository() {
        Namespace ns = TestDatabases.uniqueNamespace("repo");
        ProjectRepository projects = new ProjectRepository(datafn, ns);
        TodoRepository todos = new TodoRepository(datafn, ns);
        Project home = projects.insert(new Project(null, "Home", "green", false));
        assertThat(home.id()).startsWith("pj_");

        Todo saved = todos.insert(new Todo(null, "Paint the fence", false, null, LocalDate.of(2026, 12, 24), null,
                home.id(), List.of("tg_1", "tg_2"), null, null));
        assertThat(saved.id()).startsWith("td_");
        assertThat(saved.priority()).isZero();
        assertThat(saved.createdAt()).isNotNull();
        assertThat(todos.get(saved.id())).contains(saved);

        Todo merged = todos.merge(saved.id(), m -> m.set(TodoFields.COMPLETED, true).clear(TodoFields.DUE_DATE));
        assertThat(merged.completed()).isTrue();
        assertThat(merged.dueDate()).isNull();
        assertThat(merged.title()).isEqualTo("Paint the fence");
        assertThat(merged.tags()).containsExactly("tg_1", "tg_2");

        assertThat(todos.findWhere(TodoFields.PROJECT_ID.eq(home.id()).and(TodoFields.COMPLETED.isTrue()), 10))
                .extracting(Todo::id).containsExactly(saved.id());
        assertThat(new TodoRepository(datafn, TestDatabases.uniqueNamespace("other")).get(saved.id())).isEmpty();

        assertThat(todos.delete(saved.id())).isTrue();
        assertThat(todos.delete(saved.id())).isFalse();
        assertThat(todos.get(saved.id())).isEmpty();
    }

    @Test
    void theRepositoryReportsTheSameErrorsAsTheWire() {
        TodoRepository todos = new TodoRepository(datafn, TestDatabases.uniqueNamespace("repo-errors"));
        assertThatThrownBy(() -> todos.insert(new Todo(null, null, false, null, null, null, null, List.of(), null, null)))
                .isInstanceOfSatisfying(DataFnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.path()).isEqualTo("record.title");
                });
        assertThatThrownBy(() -> todos.merge("td_missing", m -> m.set(TodoFields.TITLE, "x")))
                .isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void typedQueryFiltersSortsAndLimits() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed");

        Page<Todo> page = seed.todos.find(
                TodoQuery.where(TodoFields.COMPLETED.isFalse().and(TodoFields.PRIORITY.gte(3)))
                        .orderBy(TodoFields.PRIORITY.desc())
                        .limit(20));

        assertThat(titles(page)).containsExactly("Paint the fence", "Buy milk");
        assertThat(page.items().get(0).tags()).containsExactlyInAnyOrder(seed.urgent.id(), seed.later.id());
        assertThat(page.items().get(0).dueDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(page.hasMore()).isFalse();
        assertThat(page.total()).isNull();
    }

    @Test
    void typedComparisonsOnNumbersDatesAndIds() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-compare");

        assertThat(byPriority(seed, TodoFields.PRIORITY.ne(3)))
                .containsExactly("Paint the fence", "File taxes", "buy bread", "Call mom");
        assertThat(byPriority(seed, TodoFields.PRIORITY.gt(3))).containsExactly("Paint the fence", "File taxes");
        assertThat(byPriority(seed, TodoFields.PRIORITY.lt(1))).containsExactly("Call mom");
        assertThat(byPriority(seed, TodoFields.PRIORITY.lte(1))).containsExactly("buy bread", "Call mom");
        assertThat(byPriority(seed, TodoFields.DUE_DATE.lt(LocalDate.of(2026, 12, 2))))
                .containsExactly("Buy milk", "buy bread");
        assertThat(byPriority(seed, TodoFields.DUE_DATE.gte(LocalDate.of(2026, 12, 1))))
                .containsExactly("Paint the fence", "Buy milk");
        assertThat(byPriority(seed, TodoFields.PROJECT_ID.eq(seed.home.id())))
                .containsExactly("Paint the fence", "Buy milk");
        assertThat(byPriority(seed, TodoFields.ID.eq(seed.id("Call mom")))).containsExactly("Call mom");
    }

    @Test
    void typedSetsPatternsAndNulls() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-sets");

        assertThat(byPriority(seed, TodoFields.PRIORITY.in(0, 5))).containsExactly("Paint the fence", "Call mom");
        assertThat(byPriority(seed, TodoFields.PRIORITY.nin(List.of(0, 5))))
                .containsExactly("File taxes", "Buy milk", "buy bread");
        assertThat(byPriority(seed, TodoFields.TITLE.in("Buy milk", "no such title"))).containsExactly("Buy milk");
        assertThat(byPriority(seed, TodoFields.TITLE.like("Buy%"))).containsExactly("Buy milk");
        assertThat(byPriority(seed, TodoFields.TITLE.ilike("buy%"))).containsExactly("Buy milk", "buy bread");
        assertThat(byPriority(seed, TodoFields.DUE_DATE.isNull())).containsExactly("File taxes", "Call mom");
        assertThat(byPriority(seed, TodoFields.NOTES.isNotNull())).containsExactly("Paint the fence", "File taxes");
        assertThat(byPriority(seed, TodoFields.PROJECT_ID.isNull())).containsExactly("buy bread", "Call mom");
    }

    @Test
    void typedGroupsNestAndConditionsAccumulate() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-groups");

        assertThat(byPriority(seed, TodoFields.COMPLETED.isTrue().or(TodoFields.PRIORITY.eq(1))))
                .containsExactly("File taxes", "buy bread", "Call mom");
        assertThat(byPriority(seed, TodoFields.COMPLETED.isTrue().not()))
                .containsExactly("Paint the fence", "Buy milk", "buy bread");
        assertThat(byPriority(seed, TodoFields.COMPLETED.ne(true)))
                .containsExactly("Paint the fence", "Buy milk", "buy bread");
        assertThat(byPriority(seed, Criterion.anyOf(TodoFields.PRIORITY.gte(5),
                        TodoFields.DUE_DATE.isNull().and(TodoFields.NOTES.isNotNull())).not()))
                .containsExactly("Buy milk", "buy bread", "Call mom");
        assertThat(titles(seed.todos.find(TodoQuery.where(TodoFields.COMPLETED.isFalse())
                        .filter(TodoFields.PROJECT_ID.isNotNull())
                        .orderBy(TodoFields.PRIORITY.asc()))))
                .containsExactly("Buy milk", "Paint the fence");
    }

    @Test
    void typedPagingCountsAndSelection() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-paging");

        Page<Todo> page = seed.todos.find(
                TodoQuery.all().orderBy(TodoFields.PRIORITY.desc()).limit(2).offset(1).count(true));
        assertThat(titles(page)).containsExactly("File taxes", "Buy milk");
        assertThat(page.total()).isEqualTo(5L);
        assertThat(page.hasMore()).isTrue();

        assertThat(seed.todos.count(TodoQuery.where(TodoFields.COMPLETED.isTrue()))).isEqualTo(2);
        assertThat(seed.todos.count(TodoQuery.all().limit(1).offset(3))).isEqualTo(5);

        Todo selected = seed.todos.find(TodoQuery.where(TodoFields.TITLE.eq("Paint the fence"))
                .select(TodoFields.ID, TodoFields.TITLE)).items().get(0);
        assertThat(selected.id()).isEqualTo(seed.id("Paint the fence"));
        assertThat(selected.title()).isEqualTo("Paint the fence");
        assertThat(selected.priority()).isNull();
        assertThat(selected.notes()).isNull();
    }

    @Test
    void typedQueriesReadOneNamespaceAndGetTheEnginesErrors() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-errors");
        TodoRepository elsewhere = new TodoRepository(datafn, TestDatabases.uniqueNamespace("typed-elsewhere"));

        assertThat(elsewhere.find(TodoQuery.all()).items()).isEmpty();
        assertThat(elsewhere.count(TodoQuery.where(TodoFields.ID.eq(seed.id("Buy milk"))))).isZero();
        assertError(() -> seed.todos.find(TodoQuery.all().limit(51)), ErrorCode.DFQL_INVALID, "limit", "maxLimit");
    }
}
