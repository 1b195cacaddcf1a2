package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repositories bound to a {@code Transaction}: everything written inside {@code DataFn.transact} commits
 * together when the work returns, and nothing does when it throws.
 */
@OnEveryDatabase
class RepositoryTransactionTest extends AbstractEngineTest {

    private static Todo todo(String id, String title, String projectId, List<String> tags) {
        return new Todo(id, title, false, null, null, null, projectId, tags, null, null);
    }

    @Test
    void writesOfSeveralResourcesCommitTogether() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-commit");

        Todo painted = datafn.transact(ns, "tester", tx -> {
            Project home = ProjectRepository.in(tx).insert(new Project("pj_home", "Home", "green", false));
            Tag urgent = TagRepository.in(tx).insert(new Tag("tg_urgent", "urgent"));
            TodoRepository todos = TodoRepository.in(tx);
            Todo saved = todos.insert(todo(null, "Paint the fence", home.id(), List.of()));
            todos.relate(saved.id(), TodoFields.TAGS, urgent.id());
            return todos.apply(TodoMutations.merge(saved.id()).set(TodoFields.PRIORITY, 5)).orElseThrow();
        });

        assertThat(painted.priority()).isEqualTo(5);
        assertThat(painted.tags()).containsExactly("tg_urgent");
        TodoRepository todos = new TodoRepository(datafn, ns);
        assertThat(todos.get(painted.id())).contains(painted);
        assertThat(new ProjectRepository(datafn, ns).get("pj_home")).isPresent();
        assertThat(stored.changes(ns)).extracting(c -> c.resource() + " " + c.operation()).containsExactly(
                "projects insert", "tags insert", "todos insert", "todos relate", "tags relate", "todos merge");
        assertThat(stored.changes(ns)).allSatisfy(c -> assertThat(c.actor()).isEqualTo("tester"));
    }

    @Test
    void nothingIsWrittenWhenTheWorkThrows() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-rollback");
        new TagRepository(datafn, ns).insert(new Tag("tg_urgent", "urgent"));

        assertThatThrownBy(() -> datafn.transact(ns, "tester", tx -> {
            ProjectRepository.in(tx).insert(new Project("pj_home", "Home", null, false));
            TodoRepository todos = TodoRepository.in(tx);
            todos.insert(todo("td_1", "Buy milk", "pj_home", List.of("tg_urgent")));
            todos.apply(TodoMutations.merge("td_1").set(TodoFields.COMPLETED, true));
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");

        assertThat(new TodoRepository(datafn, ns).get("td_1")).isEmpty();
        assertThat(new ProjectRepository(datafn, ns).get("pj_home")).isEmpty();
        assertThat(stored.changes(ns)).extracting(c -> c.resource()).containsExactly("tags");
        assertThat(stored.count("select count(*) from todos_tags where namespace = ?", ns)).isZero();
    }

    @Test
    void aRefusedMutationRollsBackTheWritesBeforeIt() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-refused");
        TodoRepository outside = new TodoRepository(datafn, ns);
        Todo existing = outside.insert(todo("td_1", "Buy milk", null, List.of()));

        assertThatThrownBy(() -> datafn.transact(ns, null, tx -> {
            TodoRepository todos = TodoRepository.in(tx);
            todos.merge("td_1", m -> m.set(TodoFields.TITLE, "Buy oat milk"));
            todos.insert(todo("td_2", "Call mom", null, List.of()));
            return todos.insert(todo("td_1", "Duplicate", null, List.of()));
        })).isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

        assertThat(outside.get("td_1")).contains(existing);
        assertThat(outside.get("td_2")).isEmpty();
    }

    @Test
    void readsInsideSeeTheTransactionsOwnWrites() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-reads");

        List<String> seen = datafn.transact(ns, null, tx -> {
            TodoRepository todos = TodoRepository.in(tx);
            todos.insert(todo("td_1", "Buy milk", null, List.of()));
            todos.upsert(todo("td_2", "Call mom", null, List.of()));
            todos.apply(TodoMutations.merge("td_1").set(TodoFields.COMPLETED, true));
            assertThat(new TodoRepository(datafn, ns).get("td_1")).as("not visible outside before commit").isEmpty();
            return todos.find(TodoQuery.where(TodoFields.COMPLETED.isFalse())).items().stream().map(Todo::id)
                    .toList();
        });

        assertThat(seen).containsExactly("td_2");
        assertThat(new TodoRepository(datafn, ns).count(TodoQuery.all())).isEqualTo(2);
    }

    @Test
    void linksWrittenInsideAreReadBackInside() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-links");
        TagRepository tags = new TagRepository(datafn, ns);
        tags.insert(new Tag("tg_a", "a"));
        tags.insert(new Tag("tg_b", "b"));

        Todo read = datafn.transact(ns, null, tx -> {
            TodoRepository todos = TodoRepository.in(tx);
            todos.insert(todo("td_1", "Buy milk", null, List.of("tg_a")));
            todos.relate("td_1", TodoFields.TAGS, "tg_b");
            return todos.get("td_1").orElseThrow();
        });

        assertThat(read.tags()).containsExactly("tg_a", "tg_b");
        assertThat(new TodoRepository(datafn, ns).get("td_1").orElseThrow().tags()).containsExactly("tg_a", "tg_b");
    }

    @Test
    void deletingAMissingRecordAnswersFalseAndTheTransactionGoesOn() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-delete");

        boolean deleted = datafn.transact(ns, null, tx -> {
            TodoRepository todos = TodoRepository.in(tx);
            todos.insert(todo("td_1", "Buy milk", null, List.of()));
            boolean missing = todos.delete("td_missing");
            todos.insert(todo("td_2", "Call mom", null, List.of()));
            return missing;
        });

        assertThat(deleted).isFalse();
        assertThat(new TodoRepository(datafn, ns).count(TodoQuery.all())).isEqualTo(2);
    }

    @Test
    void aRepositoryOfAnEndedTransactionRefusesCalls() {
        Namespace ns = TestDatabases.uniqueNamespace("tx-ended");

        TodoRepository escaped = datafn.transact(ns, null, TodoRepository::in);

        assertThatThrownBy(() -> escaped.get("td_1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction has ended");
    }
}
