package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.datafn.DataFn;
import dev.datafn.Kv;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.ChangeLogReader.StoredChange;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The typed accessor of the built-in key-value resource, {@code datafn.kv(namespace, actor)}: the same
 * writes as over the protocol (change log, actor, serverSeq), inside a transaction too, and under the
 * resource's replaceable policy.
 */
@OnEveryDatabase
class KvAccessorTest extends AbstractEngineTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A value bound to a Java type. */
    record Limits(int maxTodos, List<String> labels) {
    }

    @Test
    void valuesAreSetReadAsJsonOrAsTypesAndDeleted() {
        Namespace ns = TestDatabases.uniqueNamespace("kv-typed");
        Kv kv = datafn.kv(ns, "alice");

        kv.set("theme", "dark");
        kv.set("limits", new Limits(3, List.of("home", "work")));
        kv.set("flags", NODES.objectNode().put("beta", true));
        kv.set("ratio", 0.5);

        assertThat(kv.get("theme")).contains(NODES.textNode("dark"));
        assertThat(kv.get("theme", String.class)).contains("dark");
        assertThat(kv.get("limits", Limits.class)).contains(new Limits(3, List.of("home", "work")));
        assertThat(kv.get("flags", Map.class)).contains(Map.of("beta", true));
        assertThat(kv.get("ratio", Double.class)).contains(0.5);
        assertThat(kv.get("missing")).isEmpty();
        assertThat(kv.get("missing", Limits.class)).isEmpty();

        kv.set("theme", "light");
        assertThat(kv.get("theme", String.class)).contains("light");
        assertThat(kv.delete("theme")).isTrue();
        assertThat(kv.delete("theme")).isFalse();
        assertThat(kv.get("theme")).isEmpty();
    }

    @Test
    void writesAreChangesOfTheActorInTheNamespacesLog() {
        Namespace ns = TestDatabases.uniqueNamespace("kv-log");
        Kv kv = datafn.kv(ns, "alice");

        kv.set("a", 1);
        kv.set("a", 2);
        kv.delete("a");

        List<StoredChange> changes = stored.changes(ns);
        assertThat(changes).extracting(StoredChange::serverSeq).containsExactly(1L, 2L, 3L);
        assertThat(changes).extracting(StoredChange::resource).containsOnly("kv");
        assertThat(changes).extracting(StoredChange::recordId).containsOnly("a");
        assertThat(changes).extracting(StoredChange::actor).containsOnly("alice");
        assertThat(changes).extracting(StoredChange::operation).last().isEqualTo("delete");
        assertThat(stored.data(ns, 2)).contains("\"value\":2");
    }

    @Test
    void aValueOfAnotherTypeOrNullIsRefused() {
        Namespace ns = TestDatabases.uniqueNamespace("kv-types");
        Kv kv = datafn.kv(ns, null);
        kv.set("theme", "dark");

        assertThatThrownBy(() -> kv.get("theme", Limits.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theme");
        assertThatThrownBy(() -> kv.set("theme", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("delete the key instead");
        assertError(() -> kv.set("x".repeat(300), 1), ErrorCode.DFQL_INVALID, "id", "255");
        assertThat(kv.get("theme", String.class)).contains("dark");
    }

    @Test
    void inATransactionKeysCommitAndRollBackWithTheOtherWrites() {
        Namespace ns = TestDatabases.uniqueNamespace("kv-tx");

        datafn.transact(ns, "alice", tx -> {
            Kv.in(tx).set("last-list", "groceries");
            assertThat(Kv.in(tx).delete("never-set")).isFalse();
            return TodoRepository.in(tx).insert(new Todo("td_1", "Buy milk", false, null, null, null, null,
                    List.of(), null, null));
        });
        assertThatThrownBy(() -> datafn.transact(ns, "alice", tx -> {
            Kv.in(tx).set("last-list", "chores");
            Kv.in(tx).set("draft", true);
            assertThat(Kv.in(tx).get("draft")).contains(NODES.booleanNode(true));
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        Kv kv = datafn.kv(ns, null);
        assertThat(kv.get("last-list", String.class)).contains("groceries");
        assertThat(kv.get("draft")).isEmpty();
        assertThat(stored.changes(ns)).extracting(StoredChange::resource).containsExactlyInAnyOrder("kv", "todos");
    }

    @Test
    void anyCallerReadsAndWritesByDefaultAndAGivenPolicyReplacesThat() {
        Namespace ns = TestDatabases.uniqueNamespace("kv-policy");
        Kv anonymous = datafn.restrictedTo(datafn.access(null)).kv(ns, null);
        anonymous.set("open", 1);
        assertThat(anonymous.get("open", Integer.class)).contains(1);

        try (DataFn guarded = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .policy("kv", ResourcePolicy.of("anyone", "claim:admin")).build()) {
            Kv reader = guarded.restrictedTo(guarded.access(null)).kv(ns, null);
            Kv admin = guarded.restrictedTo(guarded.access(Map.of("admin", true))).kv(ns, "root");

            assertThat(reader.get("open", Integer.class)).contains(1);
            assertError(() -> reader.set("open", 2), ErrorCode.FORBIDDEN, "resource", "kv");
            admin.set("open", 3);
            assertThat(reader.get("open", Integer.class)).isEqualTo(Optional.of(3));
        }
    }
}
