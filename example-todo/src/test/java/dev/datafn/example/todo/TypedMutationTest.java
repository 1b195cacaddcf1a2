package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.MutationResult;
import dev.datafn.repository.RepositorySupport;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code <Record>Mutations} applied through repositories bound to a scope: every operation,
 * guards, idempotency keys and relation links, checked against what the engine stores.
 */
@OnEveryDatabase
class TypedMutationTest extends AbstractEngineTest {

    private Namespace ns;
    private TodoRepository todos;
    private Tag urgent;
    private Tag later;
    private Project home;

    @BeforeEach
    void freshNamespace() {
        ns = TestDatabases.uniqueNamespace("typed-mutations");
        todos = TodoRepository.in(datafn.in(ns, "tester"));
        TagRepository tags = TagRepository.in(datafn.in(ns, "tester"));
        urgent = tags.insert(new Tag(null, "urgent"));
        later = tags.insert(new Tag(null, "later"));
        home = ProjectRepository.in(datafn.in(ns, "tester")).insert(new Project(null, "Home", "green", false));
    }

    private static Todo todo(String id, String title) {
        return new Todo(id, title, false, null, null, null, null, null, null, null);
    }

    @Test
    void insertAppliesDefaultsAndTheServersTimestamps() {
        Todo saved = todos.insert(new Todo(null, "Buy milk", false, null, LocalDate.of(2026, 12, 1), null,
                home.id(), List.of(urgent.id()), null, null));

        assertThat(saved.id()).startsWith("td_");
        assertThat(saved.priority()).as("the schema default").isZero();
        assertThat(saved.createdAt()).isNotNull().isEqualTo(saved.updatedAt());
        assertThat(saved.tags()).containsExactly(urgent.id());
        assertThat(todos.get(saved.id())).contains(saved);
        assertThat(stored.changes(ns)).last().satisfies(change -> {
            assertThat(change.operation()).isEqualTo("insert");
            assertThat(change.actor()).as("the scope's actor").isEqualTo("tester");
        });
    }

    @Test
    void mergeSetsTypedValuesAndClearsFields() {
        Todo saved = todos.insert(new Todo(null, "Buy milk", false, 1, LocalDate.of(2026, 12, 1), "2 litres",
                home.id(), List.of(), null, null));

        Optional<Todo> merged = todos.apply(TodoMutations.merge(saved.id())
                .set(TodoFields.TITLE, "Buy oat milk")
                .set(TodoFields.PRIORITY, 3)
                .set(TodoFields.COMPLETED, true)
                .set(TodoFields.DUE_DATE, LocalDate.of(2026, 12, 2))
                .clear(TodoFields.NOTES)
                .clear(TodoFields.PROJECT_ID));

        assertThat(merged).get().satisfies(t -> {
            assertThat(t.title()).isEqualTo("Buy oat milk");
            assertThat(t.priority()).isEqualTo(3);
            assertThat(t.completed()).isTrue();
            assertThat(t.dueDate()).isEqualTo(LocalDate.of(2026, 12, 2));
            assertThat(t.notes()).isNull();
            assertThat(t.projectId()).isNull();
            assertThat(t.createdAt()).isEqualTo(saved.createdAt());
        });
        assertThat(todos.get(saved.id())).isEqualTo(merged);
    }

    @Test
    void replaceWritesTheWholeRecordAndResetsWhatItLeavesOut() {
        Todo saved = todos.insert(new Todo(null, "Paint the fence", false, 5, LocalDate.of(2026, 12, 24),
                "blue paint", home.id(), List.of(urgent.id(), later.id()), null, null));

        Todo replaced = todos.replace(new Todo(saved.id(), "Paint the shed", true, null, null, null, null, List.of(),
                null, null));

        assertThat(replaced.title()).isEqualTo("Paint the shed");
        assertThat(replaced.completed()).isTrue();
        assertThat(replaced.priority()).as("back to the default").isZero();
        assertThat(replaced.dueDate()).isNull();
        assertThat(replaced.notes()).isNull();
        assertThat(replaced.projectId()).isNull();
        assertThat(replaced.tags()).isEmpty();
        assertThat(replaced.createdAt()).as("the server's, kept").isEqualTo(saved.createdAt());
        assertThat(todos.get(saved.id())).contains(replaced);
        assertError(() -> todos.replace(todo("td_missing", "x")), ErrorCode.NOT_FOUND, "id", "td_missing");
    }

    @Test
    void upsertInsertsThenReplaces() {
        Todo first = todos.upsert(new Todo("td_upserted", "First", false, 2, null, "n", null, List.of(urgent.id()),
                null, null));
        assertThat(first.id()).isEqualTo("td_upserted");
        assertThat(first.tags()).containsExactly(urgent.id());

        Todo second = todos.upsert(new Todo("td_upserted", "Second", true, null, null, null, null,
                List.of(later.id()), null, null));

        assertThat(second.title()).isEqualTo("Second");
        assertThat(second.priority()).isZero();
        assertThat(second.notes()).isNull();
        assertThat(second.tags()).containsExactly(later.id());
        assertThat(todos.find(TodoQuery.all()).items()).extracting(Todo::id).containsExactly("td_upserted");
    }

    @Test
    void deleteLeavesNothingToReturn() {
        Todo saved = todos.insert(todo(null, "Call mom"));

        assertThat(todos.apply(TodoMutations.delete(saved.id()))).isEmpty();
        assertThat(todos.get(saved.id())).isEmpty();
        assertError(() -> todos.apply(TodoMutations.delete(saved.id())), ErrorCode.NOT_FOUND, "id", saved.id());
    }

    @Test
    void guardsRefuseWritesToRecordsThatChanged() {
        Todo done = todos.insert(new Todo(null, "File taxes", true, 4, null, null, null, null, null, null));

        assertThatThrownBy(() -> todos.apply(TodoMutations.merge(done.id()).set(TodoFields.PRIORITY, 1)
                        .ifMatches(TodoFields.COMPLETED.isFalse())))
                .isInstanceOfSatisfying(DataFnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.path()).isEqualTo("if");
                });
        assertThatThrownBy(() -> todos.apply(TodoMutations.delete(done.id()).ifMatches(TodoFields.PRIORITY.lt(3))))
                .isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(todos.get(done.id())).contains(done);

        assertThat(todos.apply(TodoMutations.merge(done.id()).set(TodoFields.PRIORITY, 1)
                .ifMatches(TodoFields.COMPLETED.isTrue().and(TodoFields.PRIORITY.gte(4)))))
                .get().extracting(Todo::priority).isEqualTo(1);
        assertThat(todos.apply(TodoMutations.delete(done.id()).ifMatches(TodoFields.PRIORITY.lt(3)))).isEmpty();
    }

    @Test
    void aRetriedMutationIsAppliedOnceAndStillAnswersTheRecord() {
        Todo saved = todos.insert(todo(null, "Buy milk"));
        var merge = TodoMutations.merge(saved.id()).set(TodoFields.PRIORITY, 4).idempotent("client-1", "m-1");

        Todo first = todos.apply(merge).orElseThrow();
        MutationResult replay = datafn.in(ns, "tester").mutate(merge);
        Todo second = todos.apply(merge).orElseThrow();

        assertThat(replay.deduped()).isTrue();
        assertThat(second).as("read again by id").isEqualTo(first);
        assertThat(stored.changes(ns).stream().filter(c -> "m-1".equals(c.mutationId()))).hasSize(1);
        assertError(() -> todos.apply(TodoMutations.merge(saved.id()).set(TodoFields.PRIORITY, 5)
                .idempotent("client-1", "m-1")), ErrorCode.IDEMPOTENCY_KEY_REUSED, "mutationId", "m-1");
    }

    @Test
    void relateAndUnrelateManyManyLinks() {
        Todo saved = todos.insert(todo(null, "Paint the fence"));

        Todo related = todos.relate(saved.id(), TodoFields.TAGS, urgent.id());
        assertThat(related.tags()).containsExactly(urgent.id());
        assertThat(todos.apply(TodoMutations.relate(saved.id(), TodoFields.TAGS, later.id()))).get()
                .extracting(Todo::tags).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(urgent.id(), later.id());
        assertThat(todos.get(saved.id()).orElseThrow().tags()).as("in target id order")
                .containsExactly(sorted(urgent.id(), later.id()));
        assertThat(todos.count(TodoQuery.where(TodoFields.TAGS.contains(later.id())))).isEqualTo(1);

        Todo unrelated = todos.unrelate(saved.id(), TodoFields.TAGS, urgent.id());
        assertThat(unrelated.tags()).containsExactly(later.id());
        assertError(() -> todos.unrelate(saved.id(), TodoFields.TAGS, urgent.id()), ErrorCode.NOT_FOUND, "targetId",
                "not related");
        assertError(() -> todos.relate(saved.id(), TodoFields.TAGS, "tg_missing"), ErrorCode.NOT_FOUND, "targetId",
                "tg_missing");
    }

    @Test
    void linkMetadataIsStoredInTheLinkTable() throws SQLException {
        Todo saved = todos.insert(new Todo(null, "Paint the fence", false, null, null, null, null,
                List.of(later.id()), null, null));
        ObjectNode owner = JsonNodeFactory.instance.objectNode().put("role", "owner");

        todos.apply(TodoMutations.relate(saved.id(), TodoFields.TAGS, urgent.id(), owner));
        assertThat(linkMetadata(saved.id())).containsExactly(
                sorted(urgent.id() + "={\"role\":\"owner\"}", later.id() + "=null"));

        todos.apply(TodoMutations.modifyRelation(saved.id(), TodoFields.TAGS, later.id(),
                JsonNodeFactory.instance.objectNode().put("role", "reviewer")));
        todos.apply(TodoMutations.merge(saved.id()).set(TodoFields.TITLE, "Paint the shed"));
        assertThat(linkMetadata(saved.id())).as("a merge of other fields keeps the links' metadata").containsExactly(
                sorted(urgent.id() + "={\"role\":\"owner\"}", later.id() + "={\"role\":\"reviewer\"}"));
        assertThat(todos.get(saved.id()).orElseThrow().tags()).containsExactly(sorted(urgent.id(), later.id()));
        assertError(() -> todos.apply(TodoMutations.modifyRelation(saved.id(), TodoFields.TAGS, "tg_other", owner)),
                ErrorCode.NOT_FOUND, "targetId", "tg_other");
    }

    @Test
    void relateSetsAManyOneReference() {
        Todo saved = todos.insert(todo(null, "Buy milk"));

        assertThat(todos.relate(saved.id(), TodoFields.PROJECT, home.id()).projectId()).isEqualTo(home.id());
        assertThat(todos.unrelate(saved.id(), TodoFields.PROJECT, home.id()).projectId()).isNull();
        assertThatThrownBy(() -> TodoMutations.relate(saved.id(), TodoFields.PROJECT, home.id(),
                JsonNodeFactory.instance.objectNode())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedMutationsGoThroughAScopeWithoutARepository() {
        MutationResult result = datafn.in(ns, "tester").mutate(TodoMutations.insert(todo("td_scoped", "Scoped")));

        assertThat(result.affectedIds()).containsExactly("td_scoped");
        assertThat(result.record().get("title").textValue()).isEqualTo("Scoped");
        assertThat(new TodoRepository(datafn, ns).get("td_scoped")).isPresent();
    }

    /** Repositories generated before scopes construct their support from the engine and a namespace. */
    @Test
    void supportBuiltFromTheEnginesSchemaWritesAlike() {
        RepositorySupport<Todo> support = new RepositorySupport<>(datafn, "todos", Todo.class, ns);

        Todo saved = support.insert(new Todo(null, "Old style", false, null, null, null, null, List.of(),
                Instant.parse("2000-01-01T00:00:00Z"), null));

        assertThat(saved.createdAt()).as("the server's, not the record's").isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(support.replace(new Todo(saved.id(), "Replaced", true, null, null, null, null, null, null, null))
                .title()).isEqualTo("Replaced");
        assertThat(todos.get(saved.id())).get().extracting(Todo::title).isEqualTo("Replaced");
        assertThatThrownBy(() -> new RepositorySupport<>(datafn, "nothing", Todo.class, ns))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'nothing' is not in this DataFn's schema");
    }

    /** The engine reports errors of typed mutations with the same paths as the wire's. */
    @Test
    void engineErrorsKeepTheirPaths() {
        assertError(() -> todos.insert(new Todo(null, null, false, null, null, null, null, null, null, null)),
                ErrorCode.VALIDATION_FAILED, "record.title", "required");
        assertError(() -> todos.apply(TodoMutations.merge("td_missing").set(TodoFields.PRIORITY, 9)),
                ErrorCode.VALIDATION_FAILED, "record.priority", "at most 5");
    }

    /** The link entity and the owner's id list map one table; the link entity gives it its key. */
    @Test
    void theLinkTableIsKeyedByNamespaceOwnerAndTarget() throws SQLException {
        List<String> key = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            for (String table : List.of("todos_tags", "TODOS_TAGS")) {
                try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, table)) {
                    while (rs.next()) {
                        key.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME").toLowerCase());
                    }
                }
                try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase());
                    }
                }
            }
        }

        assertThat(columns).containsExactlyInAnyOrder("namespace", "todos_id", "tags_id", "metadata");
        assertThat(key).containsExactlyInAnyOrder("1:namespace", "2:todos_id", "3:tags_id");
    }

    private static String[] sorted(String... values) {
        return java.util.Arrays.stream(values).sorted().toArray(String[]::new);
    }

    /** @return {@code "<targetId>=<metadata>"} per link of the todo, read with plain JDBC, by target id */
    private List<String> linkMetadata(String todoId) throws SQLException {
        List<String> links = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             PreparedStatement s = c.prepareStatement(
                     "select tags_id, metadata from todos_tags where namespace = ? and todos_id = ? order by tags_id")) {
            s.setString(1, ns.value());
            s.setString(2, todoId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    links.add(rs.getString(1) + "=" + rs.getString(2));
                }
            }
        }
        return links;
    }
}
