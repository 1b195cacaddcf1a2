package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated repositories: records in, records out, in one namespace, over the same engine as HTTP. */
abstract class AbstractRepositoryTest extends AbstractEngineTest {

    @Test
    void recordsRoundTripThroughTheGeneratedRepository() {
        String ns = TestDatabases.uniqueNamespace("repo");
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

        Map<String, Object> changes = new HashMap<>();
        changes.put("completed", true);
        changes.put("dueDate", null);
        Todo merged = todos.merge(saved.id(), changes);
        assertThat(merged.completed()).isTrue();
        assertThat(merged.dueDate()).isNull();
        assertThat(merged.title()).isEqualTo("Paint the fence");
        assertThat(merged.tags()).containsExactly("tg_1", "tg_2");

        assertThat(todos.findWhere(Map.of("projectId", home.id(), "completed", true), 10))
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
        assertThatThrownBy(() -> todos.merge("td_missing", Map.of("title", "x")))
                .isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
