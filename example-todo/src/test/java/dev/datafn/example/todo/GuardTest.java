package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.mutation.MutationResult;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency: {@code if} guards make a mutation conditional on the current record. */
@OnEveryDatabase
class GuardTest extends AbstractEngineTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    @Test
    void aMatchingGuardLetsTheMutationThrough() {
        Namespace ns = TestDatabases.uniqueNamespace("guard-pass");
        insertTodo(ns, "{\"id\": \"g1\", \"title\": \"t\", \"priority\": 2}");
        MutationResult r = mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"g1\", \"record\": {\"completed\": true}, "
                + "\"if\": {\"priority\": {\"gte\": 2}, \"completed\": false, \"title\": {\"startswith\": \"t\"}}}");
        assertThat(r.record().get("completed").booleanValue()).isTrue();
    }

    @Test
    void aFailedGuardIsAConflictWithTheCurrentValuesAndChangesNothing() {
        Namespace ns = TestDatabases.uniqueNamespace("guard-fail");
        insertTodo(ns, "{\"id\": \"g1\", \"title\": \"t\", \"priority\": 2}");
        mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"g1\", \"record\": {\"priority\": 3}}");
        assertThatThrownBy(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"g1\", "
                + "\"record\": {\"title\": \"mine\"}, \"if\": {\"priority\": 2}}"))
                .isInstanceOfSatisfying(DataFnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.path()).isEqualTo("if");
                    assertThat(e.details().get("serverSeq").longValue()).isEqualTo(2);
                    assertThat(e.details().at("/current/priority").intValue()).isEqualTo(3);
                });
        assertThat(record(ns, "todos", "g1").get("title").textValue()).isEqualTo("t");
        assertThat(stored.changes(ns)).hasSize(2);
        // Guards work on delete and on relation operations as well.
        assertError(() -> mutate(ns, TODO + "\"operation\": \"delete\", \"id\": \"g1\", \"if\": {\"completed\": true}}"),
                ErrorCode.CONFLICT, "if", "does not match");
        assertThat(record(ns, "todos", "g1")).isNotNull();
        // An upsert guarded against a record that does not exist conflicts rather than inserting.
        assertError(() -> mutate(ns, TODO + "\"operation\": \"upsert\", \"id\": \"g9\", \"record\": {\"title\": \"x\"}, "
                + "\"if\": {\"completed\": false}}"), ErrorCode.CONFLICT, "if", "no 'todos' record 'g9'");
        assertThat(stored.changes(ns)).hasSize(2);
    }

    @Test
    void guardsCanFollowRelations() {
        Namespace ns = TestDatabases.uniqueNamespace("guard-relation");
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p1\", \"name\": \"Home\", \"archived\": true}}");
        insertTodo(ns, "{\"id\": \"g1\", \"title\": \"t\", \"projectId\": \"p1\"}");
        assertError(() -> mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"g1\", \"record\": {\"priority\": 1}, "
                + "\"if\": {\"project.archived\": false}}"), ErrorCode.CONFLICT, "if", "does not match");
    }

    /**
     * Each writer reads the counter, then asks to set it to one more, guarded on the value it read. Row
     * locks make writers take turns, so exactly the increments whose guard held are applied: the final
     * value equals the number of successes, and every loser was told CONFLICT.
     */
    @Test
    void concurrentGuardedIncrementsAreExact() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("increments");
        insertTodo(ns, "{\"id\": \"c1\", \"title\": \"counter\", \"priority\": 0}");
        int writers = 12;
        List<Optional<ErrorCode>> outcomes = runConcurrently(writers, () -> {
            int seen = record(ns, "todos", "c1").get("priority").intValue();
            if (seen >= 5) {
                return Optional.of(ErrorCode.CONFLICT);
            }
            try {
                mutate(ns, TODO + "\"operation\": \"merge\", \"id\": \"c1\", \"record\": {\"priority\": " + (seen + 1)
                        + "}, \"if\": {\"priority\": " + seen + "}}");
                return Optional.<ErrorCode>empty();
            } catch (DataFnException e) {
                return Optional.of(e.code());
            }
        });
        long wins = outcomes.stream().filter(Optional::isEmpty).count();
        assertThat(outcomes).filteredOn(Optional::isPresent).extracting(Optional::get).containsOnly(ErrorCode.CONFLICT);
        assertThat(wins).isPositive();
        assertThat(record(ns, "todos", "c1").get("priority").intValue()).isEqualTo((int) wins);
        assertThat(stored.changes(ns)).hasSize(1 + (int) wins);
    }

    /** Without reading first: every writer guards on each value in turn until one of its attempts wins. */
    @Test
    void concurrentCompareAndSetLoopsLoseNoIncrement() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("cas");
        mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"p1\", \"name\": \"0\"}}");
        int writers = 8;
        runConcurrently(writers, () -> {
            int lost = 0;
            while (true) {
                String current = record(ns, "projects", "p1").get("name").textValue();
                try {
                    mutate(ns, "{\"resource\": \"projects\", \"version\": 1, \"operation\": \"merge\", \"id\": \"p1\", "
                            + "\"record\": {\"name\": \"" + (Integer.parseInt(current) + 1) + "\"}, "
                            + "\"if\": {\"name\": \"" + current + "\"}}");
                    return lost;
                } catch (DataFnException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    lost++;
                }
            }
        });
        assertThat(record(ns, "projects", "p1").get("name").textValue()).isEqualTo(String.valueOf(writers));
        assertThat(stored.changes(ns)).hasSize(1 + writers);
    }
}
