package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Aggregate;
import dev.datafn.query.typed.AggregateRow;
import dev.datafn.query.typed.Criterion;
import dev.datafn.query.typed.Page;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Typed queries whose wire forms the engine does not execute yet (it answers them with
 * {@code DFQL_UNSUPPORTED} or an unknown operator today). Each test is disabled with the feature it waits
 * for; enable it with the feature. The data is {@link SeededTodos}.
 */
@OnEveryDatabase
class TypedQueryFeaturesTest extends AbstractEngineTest {

    static final Aggregate<Todo, Long> N = Aggregate.count("n");
    static final Aggregate<Todo, Double> AVG_PRIORITY = Aggregate.avg("avgPriority", TodoFields.PRIORITY);
    static final Aggregate<Todo, BigDecimal> TOTAL_PRIORITY = Aggregate.sum("totalPriority", TodoFields.PRIORITY);
    static final Aggregate<Todo, Integer> TOP_PRIORITY = Aggregate.max("topPriority", TodoFields.PRIORITY);
    static final Aggregate<Todo, LocalDate> FIRST_DUE = Aggregate.min("firstDue", TodoFields.DUE_DATE);
    static final Aggregate<Todo, Long> PROJECTS = Aggregate.countDistinct("projects", TodoFields.PROJECT_ID);

    private static List<String> titles(Page<Todo> page) {
        return page.items().stream().map(Todo::title).toList();
    }

    /** Priorities are distinct in the seed, so this order is the same on every database. */
    private static List<String> byPriority(SeededTodos seed, Criterion<Todo> criterion) {
        return titles(seed.todos.find(TodoQuery.where(criterion).orderBy(TodoFields.PRIORITY.desc())));
    }

    @Test
    void aCursorReadsEveryRecordOnceEvenWhenRowsArriveBetweenPages() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-cursor");
        TodoQuery pages = TodoQuery.all().orderBy(TodoFields.PRIORITY.desc()).limit(2);

        Page<Todo> page = seed.todos.find(pages);
        List<String> seen = new ArrayList<>(titles(page));
        // Sorts before the cursor: keyset paging must neither show it nor repeat a row because of it.
        seed.todos.insert(new Todo(null, "Late arrival", false, 5, null, null, null, List.of(), null, null));
        for (int i = 0; i < 10 && page.nextCursor() != null; i++) {
            page = seed.todos.find(pages.after(page.nextCursor()));
            seen.addAll(titles(page));
        }

        assertThat(seen).containsExactly("Paint the fence", "File taxes", "Buy milk", "buy bread", "Call mom");
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void betweenIncludesBothBounds() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-between");

        assertThat(byPriority(seed, TodoFields.PRIORITY.between(3, 4))).containsExactly("File taxes", "Buy milk");
        assertThat(byPriority(seed, TodoFields.DUE_DATE.between(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 1))))
                .containsExactly("Buy milk", "buy bread");
    }

    @Test
    void prefixAndSuffixOperatorsMatchPlainText() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-prefix");

        assertThat(byPriority(seed, TodoFields.TITLE.startsWith("Buy"))).containsExactly("Buy milk");
        assertThat(byPriority(seed, TodoFields.TITLE.iStartsWith("buy"))).containsExactly("Buy milk", "buy bread");
        assertThat(byPriority(seed, TodoFields.TITLE.endsWith("milk"))).containsExactly("Buy milk");
        assertThat(byPriority(seed, TodoFields.TITLE.iEndsWith("FENCE"))).containsExactly("Paint the fence");
        // Plain text, not a pattern: a wildcard character matches only itself.
        assertThat(byPriority(seed, TodoFields.TITLE.startsWith("%"))).isEmpty();
        assertThat(byPriority(seed, TodoFields.TITLE.endsWith("_"))).isEmpty();
    }

    @Test
    void manyManyListsContainATargetId() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-contains");

        assertThat(byPriority(seed, TodoFields.TAGS.contains(seed.urgent.id())))
                .containsExactly("Paint the fence", "Buy milk");
        assertThat(byPriority(seed, TodoFields.TAGS.contains(seed.later.id())))
                .containsExactly("Paint the fence", "buy bread");
        assertThat(byPriority(seed, TodoFields.TAGS.contains("tg_unknown"))).isEmpty();
    }

    @Test
    void relationFiltersTestTheRelatedRecord() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-relation");

        assertThat(byPriority(seed, TodoFields.PROJECT.where(ProjectFields.NAME.eq("Home"))))
                .containsExactly("Paint the fence", "Buy milk");
        assertThat(byPriority(seed, TodoFields.PROJECT.where(ProjectFields.NAME.eq("Work")
                        .or(ProjectFields.COLOR.eq("green")))))
                .containsExactly("Paint the fence", "File taxes", "Buy milk");
        assertThat(byPriority(seed, TodoFields.PROJECT.where(ProjectFields.ARCHIVED.isFalse())
                        .and(TodoFields.COMPLETED.isTrue())))
                .containsExactly("File taxes");
    }

    @Test
    void groupsAreAggregatedAndFilteredTyped() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-groups");

        Map<Boolean, AggregateRow<Todo>> byCompleted = seed.todos.aggregate(
                        TodoQuery.all().groupBy(TodoFields.COMPLETED).aggregate(N, AVG_PRIORITY))
                .stream().collect(Collectors.toMap(row -> row.get(TodoFields.COMPLETED), Function.identity()));
        assertThat(byCompleted.get(false).get(N)).isEqualTo(3L);
        assertThat(byCompleted.get(false).get(AVG_PRIORITY)).isEqualTo(3.0);
        assertThat(byCompleted.get(true).get(N)).isEqualTo(2L);
        assertThat(byCompleted.get(true).get(AVG_PRIORITY)).isEqualTo(2.0);

        List<AggregateRow<Todo>> big = seed.todos.aggregate(
                TodoQuery.all().groupBy(TodoFields.COMPLETED).aggregate(N).having(N.gt(2L)));
        assertThat(big).singleElement().satisfies(row -> assertThat(row.get(TodoFields.COMPLETED)).isFalse());
    }

    @Test
    void aggregatesOverAllMatchingRecordsGiveOneRow() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-aggregates");

        AggregateRow<Todo> all = seed.todos.aggregate(TodoQuery.all()
                .aggregate(N, TOTAL_PRIORITY, TOP_PRIORITY, FIRST_DUE, PROJECTS)).get(0);
        assertThat(all.get(N)).isEqualTo(5L);
        assertThat(all.get(TOTAL_PRIORITY)).isEqualByComparingTo("13");
        assertThat(all.get(TOP_PRIORITY)).isEqualTo(5);
        assertThat(all.get(FIRST_DUE)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(all.get(PROJECTS)).isEqualTo(2L);

        assertThat(seed.todos.aggregate(TodoQuery.where(TodoFields.COMPLETED.isFalse()).aggregate(N)))
                .singleElement().satisfies(row -> assertThat(row.get(N)).isEqualTo(3L));
    }

    @Test
    void expandedRelationsComeWithTheRows() {
        SeededTodos seed = SeededTodos.insert(datafn, "typed-expand");
        TodoQuery query = TodoQuery.where(TodoFields.TITLE.eq("Buy milk")).expand(TodoFields.PROJECT);

        assertThat(seed.todos.find(query).items()).singleElement()
                .satisfies(todo -> assertThat(todo.projectId()).isEqualTo(seed.home.id()));
        ObjectNode row = datafn.query(seed.namespace, query.toDfql()).data().get(0);
        assertThat(row.get("project").get("name").textValue()).isEqualTo("Home");
        assertThat(row.get("title").textValue()).isEqualTo("Buy milk");
    }
}
