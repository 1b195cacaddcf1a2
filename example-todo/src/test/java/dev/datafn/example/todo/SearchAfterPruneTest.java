package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.config.Retention;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A namespace whose change log was pruned past what an engine's index holds is indexed anew from its records at
 * that engine's next search: the index is emptied of the namespace first, so every record is found once, as it
 * is now, and none by what it said before.
 */
@OnEveryDatabase
class SearchAfterPruneTest extends AbstractEngineTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";

    @Test
    void aNamespacePrunedPastTheIndexIsIndexedAnewEachRecordOnceAsItIsNow() {
        Namespace ns = TestDatabases.uniqueNamespace("search-prune");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        // Another engine writes and prunes, so this suite's engine hears of none of it but through the database.
        try (DataFn writer = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                .clock(now::get).retention(new Retention(1, 0, false, 0)).build()) {
            writer.mutate(ns, null, json(TODO + "\"operation\": \"insert\", \"id\": \"td:1\", "
                    + "\"record\": {\"title\": \"Water the garden\"}}"));
            writer.mutate(ns, null, json(TODO + "\"operation\": \"insert\", \"id\": \"td:2\", "
                    + "\"record\": {\"title\": \"Garden party\"}}"));
            assertThat(found(ns, "garden")).as("caught up from the change log").containsExactlyInAnyOrder("td:1", "td:2");

            writer.mutate(ns, null, json(TODO + "\"operation\": \"merge\", \"id\": \"td:2\", "
                    + "\"record\": {\"title\": \"Pool party\"}}"));
            writer.mutate(ns, null, json(TODO + "\"operation\": \"insert\", \"id\": \"td:3\", "
                    + "\"record\": {\"title\": \"Garden shed\"}}"));
            now.set(now.get().plus(Duration.ofDays(2)));
            assertThat(writer.pruneExpired()).isPositive();
            assertThat(stored.changes(ns)).as("every change pruned").isEmpty();
        }

        assertThat(found(ns, "garden")).containsExactlyInAnyOrder("td:1", "td:3");
        assertThat(found(ns, "pool")).containsExactly("td:2");
    }

    /** The ids a search of the todos answers, a record found twice listed twice. */
    private List<String> found(Namespace ns, String words) {
        List<String> ids = new ArrayList<>();
        datafn.search(ns, json("{\"query\": \"" + words + "\", \"resources\": [\"todos\"]}")).get("results")
                .forEach(hit -> ids.add(hit.get("id").textValue()));
        return ids;
    }
}
